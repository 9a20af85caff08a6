import { candidCodec, KeyValueStore, named, OrderedKey, StableCell } from '@chargex/common';
import { IDL, StableBTreeMap } from 'azle';

import { Account, AccountIdl } from '../icrc3/account';
import { LEASING_MEMORY } from '../memory';
import { Battery, BatteryIdl } from './battery';
import { IdSet } from './id_set';
import { OwnerIndex } from './owner_index';

/** A battery token: who holds it and the battery it stands for. */
export interface Token {
  owner: Account;
  battery: Battery;
}

const TokenIdl = named('StoredToken', IDL.Record({ owner: AccountIdl, battery: BatteryIdl }));

const U64_MAX = (1n << 64n) - 1n;

/** A candid `nat` token id as the u64 ids are stored, or undefined for ids no token can have. */
export function storedTokenId(id: bigint): bigint | undefined {
  return id >= 1n && id <= U64_MAX ? id : undefined;
}

/**
 * Every battery token with the indexes the ICRC-7 queries need: existing ids (icrc7_tokens), ids per owner
 * (icrc7_tokens_of, icrc7_balance_of) and serial numbers (one token per physical battery). Ids are assigned
 * 1, 2, 3, ... and never reused; a burned battery's serial stays taken.
 */
export class TokenStore {
  private readonly tokens = new StableBTreeMap<bigint, Token>(LEASING_MEMORY.tokens, OrderedKey.u64, candidCodec(TokenIdl));
  private readonly ids = new IdSet(LEASING_MEMORY.tokenChunks);
  private readonly serials = new StableBTreeMap<string, bigint>(LEASING_MEMORY.serials, OrderedKey.text, OrderedKey.u64);
  private readonly owners = new OwnerIndex();
  private readonly lastId: StableCell<bigint>;

  constructor(meta: KeyValueStore<string, Uint8Array>) {
    this.lastId = new StableCell(meta, 'leasing.tokens.last_id', OrderedKey.u64);
  }

  /** The token with candid id `id`, if it exists. */
  get(id: bigint): Token | undefined {
    const stored = storedTokenId(id);
    return stored === undefined ? undefined : this.tokens.get(stored);
  }

  /** The token registered for a serial number, burned or not. */
  idOfSerial(serial: string): bigint | undefined {
    return this.serials.get(serial);
  }

  /** Creates a token for `battery` held by the canonical `owner`; returns its id. */
  mint(owner: Account, battery: Battery): bigint {
    const id = this.lastId.getOr(0n) + 1n;
    this.lastId.set(id);
    this.tokens.insert(id, { owner, battery });
    this.ids.add(id);
    this.owners.add(owner, id);
    this.serials.insert(battery.serial, id);
    return id;
  }

  /** Gives token `id` to the canonical account `to`. */
  move(id: bigint, to: Account): void {
    const token = this.require(id);
    this.owners.remove(token.owner, id);
    this.owners.add(to, id);
    this.tokens.insert(id, { ...token, owner: to });
  }

  /** Replaces the battery description of token `id`. */
  updateBattery(id: bigint, battery: Battery): void {
    this.tokens.insert(id, { ...this.require(id), battery });
  }

  /** Destroys token `id` (its serial stays taken). */
  burn(id: bigint): void {
    const token = this.require(id);
    this.owners.remove(token.owner, id);
    this.tokens.remove(id);
    this.ids.remove(id);
  }

  /** The highest id ever minted (0 before the first mint). */
  highestId(): bigint {
    return this.lastId.getOr(0n);
  }

  /** Number of tokens in existence. */
  total(): bigint {
    return BigInt(this.tokens.len());
  }

  /** Existing token ids after `prev`, ascending, at most `take`. */
  page(prev: bigint | undefined, take: number): bigint[] {
    return this.ids.page(prev, take, this.lastId.getOr(0n));
  }

  /** Token ids the canonical `account` holds after `prev`, ascending, at most `take`. */
  pageOf(account: Account, prev: bigint | undefined, take: number): bigint[] {
    return this.owners.page(account, prev, take);
  }

  /** Number of tokens the canonical `account` holds. */
  balanceOf(account: Account): bigint {
    return this.owners.count(account);
  }

  private require(id: bigint): Token {
    const token = this.tokens.get(id);
    if (token === undefined) {
      throw new Error(`token ${id} does not exist`);
    }
    return token;
  }
}
