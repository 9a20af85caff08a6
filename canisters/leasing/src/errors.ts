import { CommonError, named, RequirementIdl } from '@chargex/common';
import { IDL } from 'azle';

/**
 * The error of the lease and marketplace methods: every CommonError case (so caller checks reply with it as they
 * are), plus what can go wrong with a payment. A payment error means nothing was taken, except PaymentPending:
 * the ledger's answer was lost, and the payment is resolved in the background (refunded if it went through).
 */
export type LeasingError =
  | CommonError
  | { InsufficientAllowance: { allowance: bigint; required: bigint } }
  | { InsufficientFunds: { balance: bigint; required: bigint } }
  | { PaymentFailed: { reason: string } }
  | { PaymentPending: { payment_id: bigint } };

/** Candid type of LeasingError. */
export const LeasingErrorIdl = named(
  'LeasingError',
  IDL.Variant({
    Unauthorized: IDL.Record({ caller: IDL.Principal, required: RequirementIdl }),
    InvalidArgument: IDL.Record({ field: IDL.Text, reason: IDL.Text }),
    NotFound: IDL.Record({ kind: IDL.Text, id: IDL.Text }),
    AlreadyExists: IDL.Record({ kind: IDL.Text, id: IDL.Text }),
    Unavailable: IDL.Record({ reason: IDL.Text }),
    InsufficientAllowance: IDL.Record({ allowance: IDL.Nat, required: IDL.Nat }),
    InsufficientFunds: IDL.Record({ balance: IDL.Nat, required: IDL.Nat }),
    PaymentFailed: IDL.Record({ reason: IDL.Text }),
    PaymentPending: IDL.Record({ payment_id: IDL.Nat64 })
  })
);
