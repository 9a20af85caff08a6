import { named } from '@chargex/common';
import { IDL } from 'azle';

import { Account, AccountIdl } from '../icrc3/account';

/**
 * Why the escrow owes someone money: rent (with any late fees paid along) to the lessor, a deposit back to the
 * lessee or its deductions to the lessor, a sale's price to the seller, a refund of a payment that could not be
 * used, or swept dust.
 */
export type PayoutReason =
  | { Rent: { lease_id: bigint } }
  | { DepositReturn: { lease_id: bigint } }
  | { DepositClaim: { lease_id: bigint } }
  | { SaleProceeds: { token_id: bigint } }
  | { Refund: { payment_id: bigint } }
  | { DustSweep: null };

/** Candid type of PayoutReason. */
export const PayoutReasonIdl = named(
  'PayoutReason',
  IDL.Variant({
    Rent: IDL.Record({ lease_id: IDL.Nat64 }),
    DepositReturn: IDL.Record({ lease_id: IDL.Nat64 }),
    DepositClaim: IDL.Record({ lease_id: IDL.Nat64 }),
    SaleProceeds: IDL.Record({ token_id: IDL.Nat }),
    Refund: IDL.Record({ payment_id: IDL.Nat64 }),
    DustSweep: IDL.Null
  })
);

/**
 * A transfer the escrow owes and has not completed. `amount` is what the escrow set aside for it: the recipient
 * receives amount - fee, the ledger takes the fee. `memo` and `created_at` stay fixed across retries so the
 * ledger deduplicates them; `maybe_sent` records that some attempt's outcome was unknown.
 */
export interface Payout {
  id: bigint;
  to: Account;
  amount: bigint;
  reason: PayoutReason;
  memo: Uint8Array;
  created_at: bigint;
  attempts: number;
  maybe_sent: boolean;
  last_error: [] | [string];
}

/** Candid type of Payout (also its stored form). */
export const PayoutIdl = named(
  'Payout',
  IDL.Record({
    id: IDL.Nat64,
    to: AccountIdl,
    amount: IDL.Nat,
    reason: PayoutReasonIdl,
    memo: IDL.Vec(IDL.Nat8),
    created_at: IDL.Nat64,
    attempts: IDL.Nat32,
    maybe_sent: IDL.Bool,
    last_error: IDL.Opt(IDL.Text)
  })
);
