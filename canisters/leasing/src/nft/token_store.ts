import { KeyValueStore, OrderedKey, StableCell } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { Account, accountKey } from '../icrc3/account';
import { LEASING_MEMORY } from '../memory';
import { Battery } from './battery';
import { batteryCodec } from './battery_codec';
import { IdSet } from './id_set';
import { OwnerIndex } from './owner_index';

/** A battery token: who holds it and the battery it stands for. */
export interface Token {
  owner: Account;
  battery: Battery;
}

const U64_MAX = (1n << 64n) - 1n;

/** A candid `nat` token id as the u64 ids are stored, or undefined for ids no token can have. */
export function storedTokenId(id: bigint): bigint | undefined {
  return id >= 1n && id <= U64_MAX ? id : undefined;
}

/**
 * Every battery token with the indexes the ICRC-7 queries need: existing ids (icrc7_tokens), ids per owner
 * (icrc7_tokens_of, icrc7_balance_of) and serial numbers (one token per physical battery). A token's holder and
 * its battery description are kept apart, so a transfer reads and writes a few bytes of account instead of
 * decoding and encoding the whole description. Ids are assigned 1, 2, 3, ... and never reused; a burned
 * battery's serial stays taken.
 */
export class TokenStore {
  private readonly owners = new StableBTreeMap<bigint, Account>(LEASING_MEMORY.tokenOwners, OrderedKey.u64, accountKey);
  private readonly batteries = new StableBTreeMap<bigint, Battery>(LEASING_MEMORY.batteries, OrderedKey.u64, batteryCodec);
  private readonly ids = new IdSet(LEASING_MEMORY.tokenChunks);
  private readonly serials = new StableBTreeMap<string, bigint>(LEASING_MEMORY.serials, OrderedKey.text, OrderedKey.u64);
  private readonly holdings = new OwnerIndex();
  private readonly lastId: StableCell<bigint>;

  constructor(meta: KeyValueStore<string, Uint8Array>) {
    this.lastId = new StableCell(meta, 'leasing.tokens.last_id', OrderedKey.u64);
  }

  /** The holder and battery of token `id` (a candid nat), if it exists. */
  get(id: bigint): Token | undefined {
    const owner = this.ownerOf(id);
    const battery = owner === undefined ? undefined : this.batteries.get(id);
    return owner === undefined || battery === undefined ? undefined : { owner, battery };
  }

  /** The holder of token `id` (a candid nat), if it exists. */
  ownerOf(id: bigint): Account | undefined {
    const stored = storedTokenId(id);
    return stored === undefined ? undefined : this.owners.get(stored);
  }

  /** The battery of token `id` (a candid nat), if it exists. */
  batteryOf(id: bigint): Battery | undefined {
    const stored = storedTokenId(id);
    return stored === undefined ? undefined : this.batteries.get(stored);
  }

  /** The token registered for a serial number, burned or not. */
  idOfSerial(serial: string): bigint | undefined {
    return this.serials.get(serial);
  }

  /** Creates a token for `battery` held by the canonical `owner`; returns its id. */
  mint(owner: Account, battery: Battery): bigint {
    const id = this.lastId.getOr(0n) + 1n;
    this.lastId.set(id);
    this.owners.insert(id, owner);
    this.batteries.insert(id, battery);
    this.ids.add(id);
    this.holdings.add(owner, id);
    this.serials.insert(battery.serial, id);
    return id;
  }

  /** Gives token `id` to the canonical account `to`. */
  move(id: bigint, to: Account): void {
    this.holdings.remove(this.requireOwner(id), id);
    this.holdings.add(to, id);
    this.owners.insert(id, to);
  }

  /** Replaces the battery description of token `id`. */
  updateBattery(id: bigint, battery: Battery): void {
    this.requireOwner(id);
    this.batteries.insert(id, battery);
  }

  /** Destroys token `id` (its serial stays taken). */
  burn(id: bigint): void {
    this.holdings.remove(this.requireOwner(id), id);
    this.owners.remove(id);
    this.batteries.remove(id);
    this.ids.remove(id);
  }

  /** The highest id ever minted (0 before the first mint). */
  highestId(): bigint {
    return this.lastId.getOr(0n);
  }

  /** Number of tokens in existence. */
  total(): bigint {
    return BigInt(this.owners.len());
  }

  /** Existing token ids after `prev`, ascending, at most `take`. */
  page(prev: bigint | undefined, take: number): bigint[] {
    return this.ids.page(prev, take, this.lastId.getOr(0n));
  }

  /** Token ids the canonical `account` holds after `prev`, ascending, at most `take`. */
  pageOf(account: Account, prev: bigint | undefined, take: number): bigint[] {
    return this.holdings.page(account, prev, take);
  }

  /** Number of tokens the canonical `account` holds. */
  balanceOf(account: Account): bigint {
    return this.holdings.count(account);
  }

  private requireOwner(id: bigint): Account {
    const owner = this.owners.get(id);
    if (owner === undefined) {
      throw new Error(`token ${id} does not exist`);
    }
    return owner;
  }
}
