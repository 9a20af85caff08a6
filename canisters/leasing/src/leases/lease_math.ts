import { Lease, Settlement } from './lease';
import { DAY_NS, periodRent } from './terms';

/** Late fees accrued by `at`: the daily fee for each whole day since the lease became overdue. */
export function lateFees(lease: Lease, at: bigint): bigint {
  const since = lease.overdue_since[0];
  if (since === undefined || at <= since) {
    return 0n;
  }
  const graceEnd = since + BigInt(lease.terms.grace_period_days) * DAY_NS;
  const until = at < graceEnd ? at : graceEnd;
  return ((until - since) / DAY_NS) * lease.terms.late_fee_per_day;
}

/** When an overdue lease defaults: the grace period after it became overdue. */
export function defaultAt(lease: Lease): bigint | undefined {
  const since = lease.overdue_since[0];
  return since === undefined ? undefined : since + BigInt(lease.terms.grace_period_days) * DAY_NS;
}

/** The charge due time after `dueAt`, or none when the term ends first. */
export function chargeAfter(lease: Lease, dueAt: bigint): [] | [bigint] {
  const next = dueAt + BigInt(lease.terms.billing_period_days) * DAY_NS;
  return next < lease.ends_at ? [next] : [];
}

/**
 * When the lease timer must next look at an open lease: its next charge, the end of its term, and once overdue
 * the next daily retry of unpaid rent and its default.
 */
export function nextEventOf(lease: Lease, now: bigint): bigint {
  const times: bigint[] = [];
  const charge = lease.next_charge_at[0];
  if (charge !== undefined) {
    times.push(charge);
  }
  const since = lease.overdue_since[0];
  if (since === undefined) {
    times.push(lease.ends_at);
  } else {
    times.push(defaultAt(lease) as bigint);
    if (lease.unpaid_rent > 0n) {
      times.push(since + ((now - since) / DAY_NS + 1n) * DAY_NS);
    }
  }
  return times.reduce((earliest, at) => (at < earliest ? at : earliest));
}

/** Rent owed for the minimum term that a return before `min_days` would leave unpaid. */
export function minimumTermShortfall(lease: Lease, at: bigint): bigint {
  if (at >= lease.started_at + BigInt(lease.terms.min_days) * DAY_NS) {
    return 0n;
  }
  const owed = lease.terms.rate_per_day * BigInt(lease.terms.min_days) - lease.rent_paid - lease.unpaid_rent;
  return owed > 0n ? owed : 0n;
}

/** The state-of-health penalty: each basis point lost beyond the allowed drop costs soh_penalty_per_bp. */
export function healthPenalty(lease: Lease, sohNowBp: number): bigint {
  const beyond = lease.soh_at_start_bp - sohNowBp - lease.terms.max_soh_drop_bp;
  return beyond > 0 ? BigInt(beyond) * lease.terms.soh_penalty_per_bp : 0n;
}

/**
 * How the deposit is split when the battery comes back at `at` with `sohNowBp` health: unpaid rent, late fees, the
 * minimum-term shortfall and the health penalty go to the lessor, as far as the deposit reaches; the rest goes
 * back to the lessee.
 */
export function returnSettlement(lease: Lease, at: bigint, sohNowBp: number): Settlement {
  const deductions = {
    unpaid_rent: lease.unpaid_rent,
    late_fees: lateFees(lease, at),
    minimum_term: minimumTermShortfall(lease, at),
    health_penalty: healthPenalty(lease, sohNowBp)
  };
  const total = deductions.unpaid_rent + deductions.late_fees + deductions.minimum_term + deductions.health_penalty;
  const deposit = lease.terms.deposit;
  const toLessor = total < deposit ? total : deposit;
  return { at, ...deductions, to_lessor: toLessor, to_lessee: deposit - toLessor, uncovered: total - toLessor };
}

/** A default forfeits the whole deposit to the lessor; what it does not cover is recorded as uncovered. */
export function defaultSettlement(lease: Lease, at: bigint): Settlement {
  const lateFee = lateFees(lease, at);
  const total = lease.unpaid_rent + lateFee;
  const deposit = lease.terms.deposit;
  return {
    at,
    unpaid_rent: lease.unpaid_rent,
    late_fees: lateFee,
    minimum_term: 0n,
    health_penalty: 0n,
    to_lessor: deposit,
    to_lessee: 0n,
    uncovered: total > deposit ? total - deposit : 0n
  };
}

/** Folds every regular charge that fell due while the lease was overdue into its unpaid rent. */
export function accrueOverdueCharges(lease: Lease, now: bigint): Lease {
  let next = lease.next_charge_at;
  let unpaid = lease.unpaid_rent;
  while (next[0] !== undefined && next[0] <= now) {
    unpaid += periodRent(lease.terms);
    next = chargeAfter(lease, next[0]);
  }
  return { ...lease, next_charge_at: next, unpaid_rent: unpaid };
}
