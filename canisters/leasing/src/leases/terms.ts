import { CommonError, invalidArgument, named } from '@chargex/common';
import { IDL } from 'azle';

import { FULL_HEALTH_BP } from '../nft/battery_validation';

/** A day in nanoseconds: lease durations, billing periods, late fees and grace periods count whole days. */
export const DAY_NS = 86_400_000_000_000n;

/**
 * What an owner asks of a lessee, in ledger units (for ckBTC: satoshis). Rent is billed per period in advance;
 * a state-of-health drop beyond `max_soh_drop_bp` over the lease costs `soh_penalty_per_bp` per basis point.
 */
export interface LeaseTerms {
  rate_per_day: bigint;
  deposit: bigint;
  billing_period_days: number;
  min_days: number;
  max_days: number;
  late_fee_per_day: bigint;
  grace_period_days: number;
  max_soh_drop_bp: number;
  soh_penalty_per_bp: bigint;
}

/** Candid type of LeaseTerms. */
export const LeaseTermsIdl = named(
  'LeaseTerms',
  IDL.Record({
    rate_per_day: IDL.Nat,
    deposit: IDL.Nat,
    billing_period_days: IDL.Nat32,
    min_days: IDL.Nat32,
    max_days: IDL.Nat32,
    late_fee_per_day: IDL.Nat,
    grace_period_days: IDL.Nat32,
    max_soh_drop_bp: IDL.Nat16,
    soh_penalty_per_bp: IDL.Nat
  })
);

const MAX_BILLING_PERIOD_DAYS = 30;
const MAX_LEASE_DAYS = 3_650;
const MAX_GRACE_DAYS = 90;
/** Keeps every amount a lease can reach far below u64, where ledgers keep balances. */
const MAX_AMOUNT = 10n ** 15n;

/** Checks terms on their own; returns the first problem found. */
export function termsProblem(terms: LeaseTerms): CommonError | undefined {
  const period = terms.billing_period_days;
  if (terms.rate_per_day < 1n || terms.rate_per_day > MAX_AMOUNT / BigInt(MAX_LEASE_DAYS)) {
    return invalidArgument('rate_per_day', `must be from 1 to ${MAX_AMOUNT / BigInt(MAX_LEASE_DAYS)}`);
  }
  if (terms.deposit > MAX_AMOUNT || terms.late_fee_per_day > MAX_AMOUNT || terms.soh_penalty_per_bp > MAX_AMOUNT) {
    return invalidArgument('terms', `amounts must be at most ${MAX_AMOUNT}`);
  }
  if (period < 1 || period > MAX_BILLING_PERIOD_DAYS) {
    return invalidArgument('billing_period_days', `must be from 1 to ${MAX_BILLING_PERIOD_DAYS}`);
  }
  if (terms.min_days < period || terms.max_days > MAX_LEASE_DAYS || terms.min_days > terms.max_days) {
    return invalidArgument('min_days', `need billing_period_days <= min_days <= max_days <= ${MAX_LEASE_DAYS}`);
  }
  if (Math.ceil(terms.min_days / period) * period > terms.max_days) {
    return invalidArgument('max_days', 'no whole number of billing periods lies between min_days and max_days');
  }
  if (terms.grace_period_days > MAX_GRACE_DAYS) {
    return invalidArgument('grace_period_days', `must be at most ${MAX_GRACE_DAYS}`);
  }
  if (terms.max_soh_drop_bp > FULL_HEALTH_BP) {
    return invalidArgument('max_soh_drop_bp', `must be at most ${FULL_HEALTH_BP}`);
  }
  return undefined;
}

/** Checks a requested duration against the terms: whole billing periods, from min_days to max_days. */
export function durationProblem(terms: LeaseTerms, days: number): CommonError | undefined {
  if (days < terms.min_days || days > terms.max_days || days % terms.billing_period_days !== 0) {
    return invalidArgument(
      'duration_days',
      `must be a multiple of ${terms.billing_period_days} from ${terms.min_days} to ${terms.max_days}`
    );
  }
  return undefined;
}

/** Rent of one billing period. */
export function periodRent(terms: LeaseTerms): bigint {
  return terms.rate_per_day * BigInt(terms.billing_period_days);
}

/** What starting a lease takes from the lessee: the deposit and the first period's rent. */
export function startPayment(terms: LeaseTerms): bigint {
  return terms.deposit + periodRent(terms);
}
