import { CommonError, err, notFound, ok, Result, unavailable } from '@chargex/common';
import { time } from 'azle';

import { Account } from '../icrc3/account';
import { Collection } from '../nft/collection';
import { Outbox } from '../payments/outbox';
import { PaymentIntake, PaymentResult } from '../payments/payment_intake';
import { isOpen, Lease, Settlement } from './lease';
import { accrueOverdueCharges, chargeAfter, defaultAt, defaultSettlement, lateFees, nextEventOf, returnSettlement } from './lease_math';
import { LeaseStore } from './lease_store';
import { DAY_NS, LeaseTerms, periodRent } from './terms';

/**
 * How long a lease waits before its payment is tried again when the ledger could not be reached or its answer was
 * lost (also after an upgrade cut the payment off). An outage of the ledger is not the lessee's fault: it neither
 * makes the lease overdue nor costs late fees.
 */
const LEDGER_RETRY_NS = 3_600_000_000_000n;

/** What a rent payment is for: the regular charge due at `due_at`, or all unpaid rent with its late fees. */
type RentPurpose = { Rent: { lease_id: bigint; due_at: bigint } } | { Arrears: { lease_id: bigint } };

/**
 * Runs leases from start to end: opening one once the deposit and first period are paid, charging rent on
 * schedule, collecting unpaid rent with late fees, defaulting after the grace period, and settling the deposit on
 * return. Every payment the lessor or lessee is owed goes through the outbox; the rent goes to whoever holds the
 * battery's token when it is paid (a lease moves with its token).
 */
export class LeaseBook {
  private readonly charging = new Set<bigint>();

  constructor(
    private readonly store: LeaseStore,
    private readonly collection: Collection,
    private readonly outbox: Outbox,
    private readonly payments: PaymentIntake,
    private readonly rearm: () => void
  ) {}

  /** Starts a lease of token `tokenId` whose deposit and first period were just paid. */
  open(tokenId: bigint, lessee: Account, terms: LeaseTerms, durationDays: number, now: bigint): Lease {
    const battery = this.collection.tokens.batteryOf(tokenId);
    if (battery === undefined) {
      throw new Error(`lease of token ${tokenId} opened for a token that does not exist`);
    }
    const started: Lease = {
      id: this.store.nextId(),
      token_id: tokenId,
      lessee,
      terms,
      duration_days: durationDays,
      started_at: now,
      ends_at: now + BigInt(durationDays) * DAY_NS,
      soh_at_start_bp: battery.state_of_health_bp,
      next_charge_at: [],
      rent_paid: periodRent(terms),
      late_fees_paid: 0n,
      unpaid_rent: 0n,
      overdue_since: [],
      next_event_at: [],
      status: { Active: null }
    };
    const lease = this.schedule({ ...started, next_charge_at: chargeAfter(started, now) }, now);
    this.outbox.enqueue(this.lessorOf(lease), periodRent(terms), { Rent: { lease_id: lease.id } }, now);
    return lease;
  }

  /** The lease with `id`. */
  get(id: bigint): Result<Lease, CommonError> {
    const lease = this.store.get(id);
    return lease === undefined ? err(notFound('lease', id.toString())) : ok(lease);
  }

  /**
   * Ends a lease with the battery back in its lessor's hands: the deposit is split by `returnSettlement` using the
   * battery's state of health now. Caller checks are the endpoint's.
   */
  settleReturn(id: bigint, now: bigint): Result<Lease, CommonError> {
    const lease = this.store.get(id);
    if (lease === undefined || !isOpen(lease)) {
      return lease === undefined ? err(notFound('lease', id.toString())) : err(unavailable(`lease ${id} has already ended`));
    }
    const soh = this.collection.tokens.batteryOf(lease.token_id)?.state_of_health_bp ?? 0;
    return ok(this.close(lease, { Returned: returnSettlement(lease, now, soh) }, now));
  }

  /** The account the lessor is paid in: the holder of the leased battery's token. */
  lessorOf(lease: Lease): Account {
    const owner = this.collection.tokens.ownerOf(lease.token_id);
    if (owner === undefined) {
      throw new Error(`lease ${lease.id} is open on token ${lease.token_id}, which does not exist`);
    }
    return owner;
  }

  /** The lease timer's work on one due lease: default, charge, end of term, or a retry of unpaid rent. */
  async processDue(id: bigint): Promise<void> {
    const found = this.store.get(id);
    if (found === undefined || !isOpen(found) || this.charging.has(id)) {
      return;
    }
    const now = time();
    const limit = defaultAt(found);
    if (limit !== undefined && now >= limit) {
      this.close(found, { Defaulted: defaultSettlement(found, now) }, now);
      return;
    }
    const overdue = found.overdue_since.length > 0;
    const lease = overdue ? accrueOverdueCharges(found, now) : found;
    const due = lease.next_charge_at[0];
    if (!overdue && due !== undefined && due <= now) {
      await this.charge(lease, periodRent(lease.terms), { Rent: { lease_id: id, due_at: due } }, now);
    } else if (lease.overdue_since.length === 0 && now >= lease.ends_at) {
      // Not returned at the end of its term: overdue from then on (late fees, then default).
      this.schedule({ ...lease, overdue_since: [lease.ends_at], status: { Overdue: null } }, now);
    } else if (lease.unpaid_rent > 0n) {
      await this.charge(lease, lease.unpaid_rent + lateFees(lease, now), { Arrears: { lease_id: id } }, now);
    } else {
      this.schedule(lease, now);
    }
  }

  /** Takes a rent payment (regular, or unpaid rent with late fees) and books what came of it. */
  private async charge(lease: Lease, amount: bigint, purpose: RentPurpose, now: bigint): Promise<void> {
    this.charging.add(lease.id);
    // Until the answer is in (and if an upgrade cuts the payment off) the lease is not due again before the retry.
    this.store.save({ ...lease, next_event_at: [now + LEDGER_RETRY_NS] });
    let result: PaymentResult;
    try {
      result = await this.payments.take(lease.lessee, amount, purpose);
    } finally {
      this.charging.delete(lease.id);
    }
    const after = time();
    const current = this.store.get(lease.id) as Lease;
    const unchanged = isOpen(current) && current.unpaid_rent === lease.unpaid_rent && sameTime(current.next_charge_at, lease.next_charge_at);
    if (result.kind === 'unreachable' || result.kind === 'unknown') {
      this.rearm();
      return;
    }
    if (result.kind === 'received' && !unchanged) {
      this.payments.refund(result.paymentId, lease.lessee, amount, after);
    } else if (result.kind === 'received') {
      this.outbox.enqueue(this.lessorOf(current), amount, { Rent: { lease_id: lease.id } }, after);
      this.schedule(paid(current, purpose, amount, after), after);
    } else if (unchanged && 'Rent' in purpose) {
      const missed = periodRent(current.terms);
      const due = purpose.Rent.due_at;
      const overdue: Lease = {
        ...current,
        unpaid_rent: current.unpaid_rent + missed,
        overdue_since: [due],
        next_charge_at: chargeAfter(current, due),
        status: { Overdue: null }
      };
      this.schedule(overdue, after);
    } else if (isOpen(current)) {
      this.schedule(current, after);
    }
    this.rearm();
  }

  private close(lease: Lease, status: { Returned: Settlement } | { Defaulted: Settlement }, now: bigint): Lease {
    const settlement = 'Returned' in status ? status.Returned : status.Defaulted;
    const closed: Lease = { ...lease, status, next_event_at: [] };
    this.outbox.enqueue(this.lessorOf(lease), settlement.to_lessor, { DepositClaim: { lease_id: lease.id } }, now);
    this.outbox.enqueue(lease.lessee, settlement.to_lessee, { DepositReturn: { lease_id: lease.id } }, now);
    this.store.save(closed);
    return closed;
  }

  private schedule(lease: Lease, now: bigint): Lease {
    const scheduled: Lease = { ...lease, next_event_at: [nextEventOf(lease, now)] };
    this.store.save(scheduled);
    this.rearm();
    return scheduled;
  }
}

/**
 * The lease after a successful payment: a period's rent, or all unpaid rent with the late fees accrued until `now`.
 * A battery still not returned after its term stays overdue, from `now` on since late fees are paid until then.
 */
function paid(lease: Lease, purpose: RentPurpose, amount: bigint, now: bigint): Lease {
  if ('Rent' in purpose) {
    return { ...lease, rent_paid: lease.rent_paid + amount, next_charge_at: chargeAfter(lease, purpose.Rent.due_at) };
  }
  const afterTerm = now >= lease.ends_at;
  return {
    ...lease,
    rent_paid: lease.rent_paid + lease.unpaid_rent,
    late_fees_paid: lease.late_fees_paid + amount - lease.unpaid_rent,
    unpaid_rent: 0n,
    overdue_since: afterTerm ? [now] : [],
    status: afterTerm ? { Overdue: null } : { Active: null }
  };
}

function sameTime(a: [] | [bigint], b: [] | [bigint]): boolean {
  return a[0] === b[0];
}
