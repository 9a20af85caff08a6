import { KeyValueStore, OrderedKey } from '@chargex/common';
import { canisterSelf, Principal } from 'azle';

import { ApprovalLists } from '../approvals/approval_lists';
import { Account, sameAccount, validSubaccount } from '../icrc3/account';
import { BlockLog } from '../icrc3/block_log';
import { LEASING_MEMORY } from '../memory';
import { DedupStore } from './dedup_store';
import { TokenStore } from './token_store';

/** What the rest of the canister does when a token changes hands or is destroyed (listings, leases). */
export interface TokenHooks {
  /** Called after a token got a new owner, by any kind of transfer. */
  afterOwnerChange(tokenId: bigint): void;
  /** Why the token must not be burned now, or undefined. */
  burnRefusal(tokenId: bigint): string | undefined;
  /** Called after a token was burned. */
  afterBurn(tokenId: bigint): void;
}

/**
 * The battery NFT collection's state: tokens and their indexes, the ICRC-3 log, deduplication and approvals, and
 * the effects every change of ownership has (token-level approvals cleared, listings told).
 */
export class Collection {
  readonly tokens: TokenStore;
  readonly log: BlockLog;
  readonly dedup = new DedupStore();
  readonly tokenApprovals = new ApprovalLists<bigint>(LEASING_MEMORY.tokenApprovals, OrderedKey.u64);
  readonly collectionApprovals = new ApprovalLists<Principal>(LEASING_MEMORY.collectionApprovals, OrderedKey.principal);

  constructor(
    meta: KeyValueStore<string, Uint8Array>,
    private readonly hooks: TokenHooks
  ) {
    this.tokens = new TokenStore(meta);
    this.log = new BlockLog(meta);
  }

  /** Gives token `id` to the canonical `to`, clearing its token-level approvals (ICRC-37) and telling listeners. */
  changeOwner(id: bigint, to: Account): void {
    this.tokens.move(id, to);
    this.tokenApprovals.clear(id);
    this.hooks.afterOwnerChange(id);
  }

  /** Why token `id` must not be burned now, or undefined. */
  burnRefusal(id: bigint): string | undefined {
    return this.hooks.burnRefusal(id);
  }

  /** Destroys token `id` with its token-level approvals, telling listeners. */
  burn(id: bigint): void {
    this.tokens.burn(id);
    this.tokenApprovals.clear(id);
    this.hooks.afterBurn(id);
  }

  /**
   * Tells whether `to` may receive a token from `from`: a well-formed account, not anonymous, not this canister
   * (it could never move the token on), and not `from` itself (ICRC-7's InvalidRecipient).
   */
  validRecipient(to: Account, from: Account): boolean {
    return (
      validSubaccount(to.subaccount) &&
      !to.owner.isAnonymous() &&
      to.owner.compareTo(canisterSelf()) !== 'eq' &&
      !sameAccount(to, from)
    );
  }
}
