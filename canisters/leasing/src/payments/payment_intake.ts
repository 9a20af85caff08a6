import { candidCodec, describeCallError, KeyValueStore, OrderedKey, RetrySchedule, StableCell } from '@chargex/common';
import { canisterSelf, Principal, StableBTreeMap, time } from 'azle';

import { LeasingError } from '../errors';
import { Account } from '../icrc3/account';
import { LEASING_MEMORY } from '../memory';
import { FeeCache } from './fee_cache';
import { describeLedgerError, LedgerOutcome, pullFrom } from './ledger_api';
import { entryMemo } from './memos';
import { Outbox } from './outbox';
import { PaymentPurpose, PendingPayment, PendingPaymentIdl } from './payment';

/**
 * How taking a payment ended: received; refused by the ledger for a reason on the payer's side ('failed'); not
 * made because the ledger could not be reached ('unreachable', nothing taken); or not known ('unknown', resolved
 * in the background).
 */
export type PaymentResult =
  | { kind: 'received'; paymentId: bigint }
  | { kind: 'failed'; error: LeasingError }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'unknown'; paymentId: bigint };

/**
 * Takes payments into escrow with icrc2_transfer_from (the payer approved the canister first). Each payment is
 * written to stable memory before the call, so one whose answer was lost (the canister upgraded during the call,
 * or a SYS_UNKNOWN reject) is found again: `recover` repeats the identical request, which the ledger answers with
 * Duplicate if the money had moved, and refunds it, since the operation it was for was never completed.
 */
export class PaymentIntake {
  private readonly pending = new StableBTreeMap<bigint, PendingPayment>(LEASING_MEMORY.pulls, OrderedKey.u64, candidCodec(PendingPaymentIdl));
  private readonly lastId: StableCell<bigint>;
  private readonly inFlight = new Set<bigint>();
  private readonly retry = new RetrySchedule(() => this.recover(), 5, 300);

  constructor(
    meta: KeyValueStore<string, Uint8Array>,
    private readonly ledger: () => Principal | undefined,
    private readonly fee: FeeCache,
    private readonly outbox: Outbox
  ) {
    this.lastId = new StableCell(meta, 'leasing.payments.last_id', OrderedKey.u64);
  }

  /**
   * Takes `amount` from `from` into escrow for `purpose`. On 'received' the caller must, in the same message (no
   * await in between), either use the money or refund it with `refund`.
   */
  async take(from: Account, amount: bigint, purpose: PaymentPurpose): Promise<PaymentResult> {
    const ledger = this.ledger();
    if (ledger === undefined) {
      return { kind: 'unreachable', reason: 'no ledger is configured' };
    }
    let fee: bigint;
    try {
      fee = await this.fee.get(ledger);
    } catch (error) {
      return { kind: 'unreachable', reason: describeCallError(error) };
    }
    const id = this.lastId.getOr(0n) + 1n;
    this.lastId.set(id);
    const payment: PendingPayment = { id, from, amount, purpose, memo: entryMemo('in', id), created_at: time() };
    this.pending.insert(id, payment);
    this.inFlight.add(id);
    try {
      const outcome = await this.request(ledger, payment);
      return this.conclude(payment, outcome, amount + fee);
    } finally {
      this.inFlight.delete(id);
    }
  }

  /** Gives a received payment back to its payer (the operation it was for could not be completed). */
  refund(paymentId: bigint, to: Account, amount: bigint, now: bigint): void {
    this.outbox.enqueue(to, amount, { Refund: { payment_id: paymentId } }, now);
  }

  /** Call from @init and @postUpgrade: payments whose answer was lost are resolved. */
  resume(): void {
    if (this.pending.len() > 0) {
      this.retry.runSoon();
    }
  }

  /** Payments whose answer is outstanding or was lost. */
  unresolved(): PendingPayment[] {
    return this.pending.values();
  }

  /** Repeats each lost payment request: money that moved is refunded, a definite refusal is forgotten. */
  async recover(): Promise<void> {
    const ledger = this.ledger();
    if (ledger === undefined) {
      return;
    }
    let unresolved = false;
    for (const payment of this.pending.values().filter((p) => !this.inFlight.has(p.id))) {
      this.inFlight.add(payment.id);
      try {
        const outcome = await this.request(ledger, payment);
        if (outcome.kind === 'rejected' || (outcome.kind === 'refused' && 'TooOld' in outcome.error)) {
          // TooOld: past the ledger's deduplication window nobody can tell from here; it stays listed for operators.
          unresolved = unresolved || outcome.kind === 'rejected';
          continue;
        }
        this.pending.remove(payment.id);
        if (received(outcome)) {
          this.refund(payment.id, payment.from, payment.amount, time());
        }
      } finally {
        this.inFlight.delete(payment.id);
      }
    }
    if (unresolved) {
      this.retry.failed();
    } else {
      this.retry.succeeded();
    }
  }

  private request(ledger: Principal, payment: PendingPayment): Promise<LedgerOutcome> {
    const escrow: Account = { owner: canisterSelf(), subaccount: [] };
    return pullFrom(ledger, escrow, payment.from, { amount: payment.amount, memo: payment.memo, createdAt: payment.created_at });
  }

  private conclude(payment: PendingPayment, outcome: LedgerOutcome, required: bigint): PaymentResult {
    if (outcome.kind === 'rejected' && outcome.mayHaveHappened) {
      this.retry.failed();
      return { kind: 'unknown', paymentId: payment.id };
    }
    this.pending.remove(payment.id);
    if (received(outcome)) {
      return { kind: 'received', paymentId: payment.id };
    }
    if (outcome.kind === 'rejected') {
      return { kind: 'unreachable', reason: outcome.reason };
    }
    const error = outcome.kind === 'refused' ? outcome.error : undefined;
    if (error !== undefined && 'InsufficientAllowance' in error) {
      return { kind: 'failed', error: { InsufficientAllowance: { allowance: error.InsufficientAllowance.allowance, required } } };
    }
    if (error !== undefined && 'InsufficientFunds' in error) {
      return { kind: 'failed', error: { InsufficientFunds: { balance: error.InsufficientFunds.balance, required } } };
    }
    return { kind: 'failed', error: { PaymentFailed: { reason: error === undefined ? 'no answer' : describeLedgerError(error) } } };
  }
}

/** A successful transfer, or a Duplicate of one (the same request already went through). */
function received(outcome: LedgerOutcome): boolean {
  return outcome.kind === 'ok' || (outcome.kind === 'refused' && 'Duplicate' in outcome.error);
}
