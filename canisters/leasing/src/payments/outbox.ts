import { candidCodec, describeCallError, KeyValueStore, OrderedKey, RetrySchedule, StableCell } from '@chargex/common';
import { Principal, StableBTreeMap, time } from 'azle';

import { Account } from '../icrc3/account';
import { LEASING_MEMORY } from '../memory';
import { FeeCache } from './fee_cache';
import { describeLedgerError, LedgerOutcome, transferOut } from './ledger_api';
import { entryMemo } from './memos';
import { Payout, PayoutIdl, PayoutReason } from './payout';

/** Payouts sent per flush; the rest follow at once in the next flush. */
const FLUSH_BATCH = 20;

/** Where a payout's attempt left it: paid, to retry after a backoff, to retry at once (re-dated), or parked. */
type Attempt = 'done' | 'retry' | 'again' | 'parked';

/**
 * The stable outbox of every transfer the escrow owes. A payout is written here in the same message that decides
 * it is owed, then sent by a timer and retried with backoff (5 s doubling to 5 min) until the ledger confirms it;
 * `Duplicate` counts as confirmation, since memo and created_at_time never change between attempts. Timers do not
 * survive upgrades, so `resume` is called from @init and @postUpgrade.
 *
 * A payout the ledger calls TooOld is re-dated when no earlier attempt could have gone through; otherwise it is
 * parked for an operator to check the ledger's blocks (`resolve`), because retrying it could pay twice. Amounts
 * no larger than the fee cannot be sent and are kept as dust, which admins can sweep.
 */
export class Outbox {
  private readonly pending = new StableBTreeMap<bigint, Payout>(LEASING_MEMORY.outbox, OrderedKey.u64, candidCodec(PayoutIdl));
  private readonly parked = new StableBTreeMap<bigint, Payout>(LEASING_MEMORY.parkedPayouts, OrderedKey.u64, candidCodec(PayoutIdl));
  private readonly lastId: StableCell<bigint>;
  private readonly dustCell: StableCell<bigint>;
  private readonly retry = new RetrySchedule(() => this.flush(), 5, 300);
  private flushing = false;

  constructor(
    meta: KeyValueStore<string, Uint8Array>,
    private readonly ledger: () => Principal | undefined,
    private readonly fee: FeeCache
  ) {
    this.lastId = new StableCell(meta, 'leasing.outbox.last_id', OrderedKey.u64);
    this.dustCell = new StableCell(meta, 'leasing.outbox.dust', OrderedKey.u64);
  }

  /** Records that the escrow owes `amount` (fee included) to `to`, and schedules sending it. */
  enqueue(to: Account, amount: bigint, reason: PayoutReason, now: bigint): void {
    if (amount === 0n) {
      return;
    }
    const fee = this.fee.known();
    if (fee !== undefined && amount <= fee) {
      this.dustCell.set(this.dust() + amount);
      return;
    }
    const id = this.lastId.getOr(0n) + 1n;
    this.lastId.set(id);
    const memo = entryMemo('pay', id);
    this.pending.insert(id, { id, to, amount, reason, memo, created_at: now, attempts: 0, maybe_sent: false, last_error: [] });
    this.retry.runSoon();
  }

  /** Call from @init and @postUpgrade: sends whatever was owed before. */
  resume(): void {
    if (this.pending.len() > 0) {
      this.retry.runSoon();
    }
  }

  /** Sends pending payouts, oldest first; failures are retried with backoff. */
  async flush(): Promise<void> {
    const ledger = this.ledger();
    if (ledger === undefined || this.flushing) {
      return;
    }
    this.flushing = true;
    let failed = false;
    try {
      for (const [, payout] of this.pending.items(0, FLUSH_BATCH)) {
        failed = (await this.send(ledger, payout)) === 'retry' || failed;
      }
    } finally {
      this.flushing = false;
    }
    if (failed) {
      this.retry.failed();
    } else if (this.pending.len() > 0) {
      this.retry.runSoon();
    } else {
      this.retry.succeeded();
    }
  }

  /** Every pending payout (parked ones included). */
  all(): Payout[] {
    return [...this.pending.values(), ...this.parked.values()];
  }

  /** Number of payouts parked for review. */
  parkedCount(): number {
    return this.parked.len();
  }

  /** Money too small to send (at most one fee per payout), kept in escrow. */
  dust(): bigint {
    return this.dustCell.getOr(0n);
  }

  /** Turns the dust into a payout to `to`; false when there is not more dust than one fee. */
  sweepDust(to: Account, now: bigint): boolean {
    const dust = this.dust();
    const fee = this.fee.known();
    if (fee === undefined || dust <= fee) {
      return false;
    }
    this.dustCell.set(0n);
    this.enqueue(to, dust, { DustSweep: null }, now);
    return true;
  }

  /**
   * Settles a parked payout after an operator checked the ledger: dropped when it was in fact paid, otherwise
   * re-dated and sent again. False when no such payout is parked.
   */
  resolve(id: bigint, alreadyPaid: boolean, now: bigint): boolean {
    const payout = this.parked.remove(id);
    if (payout === undefined) {
      return false;
    }
    if (!alreadyPaid) {
      this.pending.insert(id, { ...payout, created_at: now, maybe_sent: false, last_error: [] });
      this.retry.runSoon();
    }
    return true;
  }

  private async send(ledger: Principal, payout: Payout): Promise<Attempt> {
    let fee: bigint;
    try {
      fee = await this.fee.get(ledger);
    } catch (error) {
      return this.keep(payout, `fee unknown: ${describeCallError(error)}`, false);
    }
    if (payout.amount <= fee) {
      this.pending.remove(payout.id);
      this.dustCell.set(this.dust() + payout.amount);
      return 'done';
    }
    const outcome = await transferOut(ledger, {
      to: payout.to,
      amount: payout.amount - fee,
      fee: [fee],
      memo: payout.memo,
      createdAt: payout.created_at
    });
    return this.settle(payout, outcome, time());
  }

  private settle(payout: Payout, outcome: LedgerOutcome, now: bigint): Attempt {
    if (outcome.kind === 'ok' || (outcome.kind === 'refused' && 'Duplicate' in outcome.error)) {
      this.pending.remove(payout.id);
      return 'done';
    }
    if (outcome.kind === 'rejected') {
      return this.keep(payout, outcome.reason, outcome.mayHaveHappened);
    }
    const error = outcome.error;
    if ('BadFee' in error) {
      this.fee.set(error.BadFee.expected_fee);
    }
    if (('TooOld' in error || 'BadFee' in error) && payout.maybe_sent) {
      const refusal = 'TooOld' in error ? 'TooOld' : 'BadFee';
      return this.park(payout, `${refusal} after an attempt with unknown outcome`);
    }
    if ('TooOld' in error) {
      // No attempt can have gone through, so a payout too old for the ledger's window may safely be re-dated.
      this.keep({ ...payout, created_at: now }, describeLedgerError(error), false);
      return 'again';
    }
    return this.keep(payout, describeLedgerError(error), false);
  }

  private keep(payout: Payout, reason: string, mayHaveHappened: boolean): Attempt {
    const stored = this.pending.get(payout.id);
    if (stored === undefined) {
      return 'done';
    }
    this.pending.insert(payout.id, {
      ...payout,
      attempts: stored.attempts + 1,
      maybe_sent: stored.maybe_sent || mayHaveHappened,
      last_error: [reason]
    });
    return 'retry';
  }

  private park(payout: Payout, reason: string): Attempt {
    this.pending.remove(payout.id);
    this.parked.insert(payout.id, { ...payout, attempts: payout.attempts + 1, last_error: [reason] });
    console.log(`payout ${payout.id} parked for review: ${reason}`);
    return 'parked';
  }
}
