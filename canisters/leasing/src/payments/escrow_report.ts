import { CommonError, describeCallError, err, named, ok, Result, unavailable } from '@chargex/common';
import { canisterSelf, IDL, Principal } from 'azle';

import { LeaseStore } from '../leases/lease_store';
import { balanceOf } from './ledger_api';
import { Outbox } from './outbox';
import { PaymentIntake } from './payment_intake';

/**
 * The escrow account's balance on the ledger next to what the canister owes out of it: the deposits of open
 * leases, the payouts not yet confirmed (amount plus fee each) and the dust. `surplus` is balance minus owed;
 * it must never be negative. Payments whose answer was lost are listed apart: if they went through, their
 * refund is not owed yet, so they show up as surplus until resolved.
 */
export interface EscrowReport {
  ledger_balance: bigint;
  deposits_held: bigint;
  payouts_owed: bigint;
  dust: bigint;
  total_owed: bigint;
  surplus: bigint;
  open_leases: bigint;
  pending_payouts: bigint;
  parked_payouts: bigint;
  unresolved_payments: bigint;
  unresolved_amount: bigint;
}

/** Candid type of EscrowReport. */
export const EscrowReportIdl = named(
  'EscrowReport',
  IDL.Record({
    ledger_balance: IDL.Nat,
    deposits_held: IDL.Nat,
    payouts_owed: IDL.Nat,
    dust: IDL.Nat,
    total_owed: IDL.Nat,
    surplus: IDL.Int,
    open_leases: IDL.Nat64,
    pending_payouts: IDL.Nat64,
    parked_payouts: IDL.Nat64,
    unresolved_payments: IDL.Nat64,
    unresolved_amount: IDL.Nat
  })
);

/**
 * Reads the escrow balance from the ledger and compares it with the canister's books. The books are read after
 * the balance arrives; a payout sent in between may already be off the balance while still counted as owed.
 */
export async function reconcileEscrow(
  ledger: Principal | undefined,
  leases: LeaseStore,
  outbox: Outbox,
  payments: PaymentIntake
): Promise<Result<EscrowReport, CommonError>> {
  if (ledger === undefined) {
    return err(unavailable('no ledger is configured'));
  }
  let balance: bigint;
  try {
    balance = await balanceOf(ledger, { owner: canisterSelf(), subaccount: [] });
  } catch (error) {
    return err(unavailable(`ledger unreachable: ${describeCallError(error)}`));
  }
  const open = leases.open();
  const deposits = open.reduce((sum, lease) => sum + lease.terms.deposit, 0n);
  const payouts = outbox.all();
  const payoutsOwed = payouts.reduce((sum, payout) => sum + payout.amount, 0n);
  const unresolved = payments.unresolved();
  const owed = deposits + payoutsOwed + outbox.dust();
  return ok({
    ledger_balance: balance,
    deposits_held: deposits,
    payouts_owed: payoutsOwed,
    dust: outbox.dust(),
    total_owed: owed,
    surplus: balance - owed,
    open_leases: BigInt(open.length),
    pending_payouts: BigInt(payouts.length - outbox.parkedCount()),
    parked_payouts: BigInt(outbox.parkedCount()),
    unresolved_payments: BigInt(unresolved.length),
    unresolved_amount: unresolved.reduce((sum, payment) => sum + payment.amount, 0n)
  });
}
