import { named } from '@chargex/common';
import { IDL } from '@dfinity/candid';

import { Account, AccountIdl, SubaccountIdl } from './account';

/** `opt T` as Azle hands it over. */
export type Opt<T> = [] | [T];

/** Argument of icrc1_transfer. */
export interface TransferArg {
  from_subaccount: Opt<Uint8Array>;
  to: Account;
  amount: bigint;
  fee: Opt<bigint>;
  memo: Opt<Uint8Array>;
  created_at_time: Opt<bigint>;
}

/** Candid type of TransferArg. */
export const TransferArgIdl = named(
  'TransferArg',
  IDL.Record({
    from_subaccount: IDL.Opt(SubaccountIdl),
    to: AccountIdl,
    amount: IDL.Nat,
    fee: IDL.Opt(IDL.Nat),
    memo: IDL.Opt(IDL.Vec(IDL.Nat8)),
    created_at_time: IDL.Opt(IDL.Nat64)
  })
);

/** The errors icrc1_transfer, icrc2_transfer_from and icrc2_approve share. */
export type DeduplicationError =
  | { TooOld: null }
  | { CreatedInFuture: { ledger_time: bigint } }
  | { Duplicate: { duplicate_of: bigint } }
  | { TemporarilyUnavailable: null }
  | { GenericError: { error_code: bigint; message: string } };

/** Error of icrc1_transfer. */
export type TransferError =
  | DeduplicationError
  | { BadFee: { expected_fee: bigint } }
  | { BadBurn: { min_burn_amount: bigint } }
  | { InsufficientFunds: { balance: bigint } };

/** Candid arms every ledger error has. */
export const DeduplicationErrorArms = {
  TooOld: IDL.Null,
  CreatedInFuture: IDL.Record({ ledger_time: IDL.Nat64 }),
  Duplicate: IDL.Record({ duplicate_of: IDL.Nat }),
  TemporarilyUnavailable: IDL.Null,
  GenericError: IDL.Record({ error_code: IDL.Nat, message: IDL.Text })
};

/** Candid type of TransferError. */
export const TransferErrorIdl = named(
  'TransferError',
  IDL.Variant({
    BadFee: IDL.Record({ expected_fee: IDL.Nat }),
    BadBurn: IDL.Record({ min_burn_amount: IDL.Nat }),
    InsufficientFunds: IDL.Record({ balance: IDL.Nat }),
    ...DeduplicationErrorArms
  })
);

/** Reply of icrc1_transfer. */
export const TransferResultIdl = named('TransferResult', IDL.Variant({ Ok: IDL.Nat, Err: TransferErrorIdl }));

/** A metadata value of icrc1_metadata. */
export type MetadataValue = { Nat: bigint } | { Int: bigint } | { Text: string } | { Blob: Uint8Array };

/** Candid type of MetadataValue. */
export const MetadataValueIdl = named(
  'MetadataValue',
  IDL.Variant({ Nat: IDL.Nat, Int: IDL.Int, Text: IDL.Text, Blob: IDL.Vec(IDL.Nat8) })
);

/** One entry of icrc1_supported_standards / icrc10_supported_standards. */
export interface StandardRecord {
  name: string;
  url: string;
}

/** Candid type of StandardRecord. */
export const StandardRecordIdl = named('StandardRecord', IDL.Record({ name: IDL.Text, url: IDL.Text }));
