import { StableCell, Tip } from '@chargex/common';

import { sameAccount } from '../accounts/account';
import { AllowanceBook } from '../allowances/allowance_book';
import { BalanceBook } from '../balances/balance_book';
import { BlockType, LedgerBlock } from '../blocks/block';
import { BlockLog } from '../blocks/block_log';
import { DedupIndex, lastUsefulMoment } from '../dedup/dedup_index';
import { Account } from '../idl/account';
import type { DeduplicationRequest } from './request_checks';

/** What a ledger tells the rest of the canister when its state moves. */
export interface LedgerListener {
  /** A block was appended (the canister certifies the new tip). */
  onTip(tip: Tip): void;
  /** Something that expires at `at` was stored (the canister arms its pruning timer). */
  onExpiringEntry(at: bigint): void;
}

/** A transaction ready to be recorded: its block without time and parent, and its hashes. */
export interface RecordedTransaction {
  btype: BlockType;
  fee: bigint | undefined;
  tx: LedgerBlock['tx'];
  txHash: Uint8Array;
  /** Only requests that set created_at_time are remembered for deduplication. */
  deduplication: DeduplicationRequest | undefined;
}

/** The ledger's state: balances, allowances, the block log, the deduplication index and the minting account. */
export class Ledger {
  private mintingCache: Account | undefined;

  constructor(
    readonly balances: BalanceBook,
    readonly allowances: AllowanceBook,
    readonly log: BlockLog,
    readonly dedup: DedupIndex,
    private readonly minting: StableCell<Account>,
    private readonly listener: LedgerListener
  ) {}

  /** The minting account (set once, at install). */
  mintingAccount(): Account {
    this.mintingCache ??= this.minting.get();
    if (this.mintingCache === undefined) {
      throw new Error('invariant: the ledger was installed without a minting account');
    }
    return this.mintingCache;
  }

  /** Sets the minting account at install. */
  setMintingAccount(account: Account): void {
    this.minting.set(account);
    this.mintingCache = account;
  }

  /** Tells whether `account` is the minting account. */
  isMintingAccount(account: Account): boolean {
    return sameAccount(account, this.mintingAccount());
  }

  /** Appends the block of an applied transaction at ledger time `now`; returns its index. */
  record(transaction: RecordedTransaction, now: bigint): bigint {
    const block: Omit<LedgerBlock, 'phash'> = { btype: transaction.btype, ts: now, tx: transaction.tx };
    if (transaction.fee !== undefined) {
      block.fee = transaction.fee;
    }
    const tip = this.log.append(block, transaction.txHash);
    const { deduplication } = transaction;
    if (deduplication !== undefined) {
      this.dedup.remember(deduplication.key, tip.index, deduplication.createdAt);
      this.listener.onExpiringEntry(lastUsefulMoment(deduplication.createdAt) + 1n);
    }
    this.listener.onTip(tip);
    return tip.index;
  }

  /** Tells the listener that an allowance expiring at `at` was stored. */
  allowanceStored(at: bigint | undefined): void {
    if (at !== undefined) {
      this.listener.onExpiringEntry(at);
    }
  }
}
