import { named } from '@chargex/common';
import { IDL } from 'azle';

import { Account, AccountIdl } from '../icrc3/account';

/** What a payment into escrow is for. */
export type PaymentPurpose =
  | { LeaseStart: { token_id: bigint; listing_id: bigint } }
  | { Rent: { lease_id: bigint; due_at: bigint } }
  | { Arrears: { lease_id: bigint } }
  | { Purchase: { token_id: bigint; listing_id: bigint } };

/** Candid type of PaymentPurpose. */
export const PaymentPurposeIdl = named(
  'PaymentPurpose',
  IDL.Variant({
    LeaseStart: IDL.Record({ token_id: IDL.Nat, listing_id: IDL.Nat64 }),
    Rent: IDL.Record({ lease_id: IDL.Nat64, due_at: IDL.Nat64 }),
    Arrears: IDL.Record({ lease_id: IDL.Nat64 }),
    Purchase: IDL.Record({ token_id: IDL.Nat, listing_id: IDL.Nat64 })
  })
);

/**
 * A payment the canister asked the ledger for (icrc2_transfer_from into escrow) and has not seen the answer to.
 * It exists only while the call is out, or when the answer was lost (an upgrade, a SYS_UNKNOWN reject).
 */
export interface PendingPayment {
  id: bigint;
  from: Account;
  amount: bigint;
  purpose: PaymentPurpose;
  memo: Uint8Array;
  created_at: bigint;
}

/** Candid type of PendingPayment (also its stored form). */
export const PendingPaymentIdl = named(
  'PendingPayment',
  IDL.Record({
    id: IDL.Nat64,
    from: AccountIdl,
    amount: IDL.Nat,
    purpose: PaymentPurposeIdl,
    memo: IDL.Vec(IDL.Nat8),
    created_at: IDL.Nat64
  })
);
