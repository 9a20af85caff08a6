import { named } from '@chargex/common';
import { IDL } from 'azle';

import { Account, AccountIdl } from '../icrc3/account';
import { GenericErrorInfo } from './tx_checks';

/** One item of icrc7_transfer. */
export interface TransferArg {
  from_subaccount: [] | [Uint8Array];
  to: Account;
  token_id: bigint;
  memo: [] | [Uint8Array];
  created_at_time: [] | [bigint];
}

/** Why one icrc7_transfer item failed. */
export type TransferError =
  | { NonExistingTokenId: null }
  | { InvalidRecipient: null }
  | { Unauthorized: null }
  | { TooOld: null }
  | { CreatedInFuture: { ledger_time: bigint } }
  | { Duplicate: { duplicate_of: bigint } }
  | { GenericError: GenericErrorInfo }
  | { GenericBatchError: GenericErrorInfo };

/** One icrc7_transfer result: the transaction index, or the error. */
export type TransferResult = { Ok: bigint } | { Err: TransferError };

const Blob = IDL.Vec(IDL.Nat8);

/** Candid type of the GenericError payload. */
export const GenericErrorIdl = IDL.Record({ error_code: IDL.Nat, message: IDL.Text });

/** Candid type of TransferArg. */
export const TransferArgIdl = named(
  'TransferArg',
  IDL.Record({
    from_subaccount: IDL.Opt(Blob),
    to: AccountIdl,
    token_id: IDL.Nat,
    memo: IDL.Opt(Blob),
    created_at_time: IDL.Opt(IDL.Nat64)
  })
);

/** Candid type of TransferError. */
export const TransferErrorIdl = named(
  'TransferError',
  IDL.Variant({
    NonExistingTokenId: IDL.Null,
    InvalidRecipient: IDL.Null,
    Unauthorized: IDL.Null,
    TooOld: IDL.Null,
    CreatedInFuture: IDL.Record({ ledger_time: IDL.Nat64 }),
    Duplicate: IDL.Record({ duplicate_of: IDL.Nat }),
    GenericError: GenericErrorIdl,
    GenericBatchError: GenericErrorIdl
  })
);

/** Candid type of TransferResult. */
export const TransferResultIdl = named('TransferResult', IDL.Variant({ Ok: IDL.Nat, Err: TransferErrorIdl }));
