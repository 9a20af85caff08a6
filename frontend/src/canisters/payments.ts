import { Principal } from '@dfinity/principal';
import { canisterId } from '../environment';
import { unwrap } from '../errors/describe-error';
import type { Actors } from './actors';
import type { LeaseTerms } from './types';

/** The leasing canister's account on the ledger: the escrow a lessee or buyer approves. */
export function leasingAccount() {
  return { owner: Principal.fromText(canisterId('leasing')), subaccount: [] as [] };
}

export function ownAccount(principal: string) {
  return { owner: Principal.fromText(principal), subaccount: [] as [] };
}

/** What the person's wallet looks like for a payment: balance, the ledger's fee, and what leasing may take. */
export interface PaymentPosition {
  balance: bigint;
  fee: bigint;
  allowance: bigint;
  symbol: string;
}

export async function paymentPosition(actors: Actors, principal: string): Promise<PaymentPosition> {
  const [balance, fee, allowance, symbol] = await Promise.all([
    actors.ledger.icrc1_balance_of(ownAccount(principal)),
    actors.ledger.icrc1_fee(),
    actors.ledger.icrc2_allowance({ account: ownAccount(principal), spender: leasingAccount() }),
    actors.ledger.icrc1_symbol(),
  ]);
  return { balance, fee, allowance: allowance.allowance, symbol };
}

/**
 * Lets leasing take up to `amount` (ICRC-2 approve). `expected` is the allowance the person saw, so an approval
 * that changed in the meantime is refused rather than silently replaced.
 */
export async function approveLeasing(actors: Actors, amount: bigint, fee: bigint, expected: bigint): Promise<bigint> {
  const result = await actors.ledger.icrc2_approve({
    spender: leasingAccount(),
    amount,
    expected_allowance: [expected],
    expires_at: [],
    fee: [fee],
    memo: [],
    from_subaccount: [],
    created_at_time: [BigInt(Date.now()) * 1_000_000n],
  });
  return unwrap(result);
}

/** The money a lease of `days` moves: taken now, over its life, and the allowance that covers all of it. */
export interface LeaseCost {
  deposit: bigint;
  firstRent: bigint;
  /** Deposit and first period's rent: taken when the lease opens. */
  upfront: bigint;
  totalRent: bigint;
  /** Rent charges (one per billing period), each costing the ledger's fee on top. */
  charges: number;
  fees: bigint;
  /** What leasing must be allowed to take for the whole lease. */
  allowance: bigint;
}

export function leaseCost(terms: LeaseTerms, days: number, fee: bigint): LeaseCost {
  const charges = Math.max(1, Math.ceil(days / terms.billing_period_days));
  const firstRent = terms.rate_per_day * BigInt(terms.billing_period_days);
  const totalRent = terms.rate_per_day * BigInt(days);
  const fees = fee * BigInt(charges);
  return {
    deposit: terms.deposit,
    firstRent,
    upfront: terms.deposit + firstRent,
    totalRent,
    charges,
    fees,
    allowance: terms.deposit + totalRent + fees,
  };
}

/** The lease lengths the terms allow: whole billing periods from the minimum to the maximum term. */
export function allowedDurations(terms: LeaseTerms): number[] {
  const durations: number[] = [];
  for (let days = terms.billing_period_days; days <= terms.max_days; days += terms.billing_period_days) {
    if (days >= terms.min_days) durations.push(days);
  }
  return durations;
}
