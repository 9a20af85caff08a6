import { named } from '@chargex/common';
import { IDL } from '@dfinity/candid';

import { Account, AccountIdl, SubaccountIdl } from './account';
import { DeduplicationError, DeduplicationErrorArms, Opt } from './icrc1';

/** Argument of icrc2_approve. */
export interface ApproveArgs {
  from_subaccount: Opt<Uint8Array>;
  spender: Account;
  amount: bigint;
  expected_allowance: Opt<bigint>;
  expires_at: Opt<bigint>;
  fee: Opt<bigint>;
  memo: Opt<Uint8Array>;
  created_at_time: Opt<bigint>;
}

/** Candid type of ApproveArgs. */
export const ApproveArgsIdl = named(
  'ApproveArgs',
  IDL.Record({
    from_subaccount: IDL.Opt(SubaccountIdl),
    spender: AccountIdl,
    amount: IDL.Nat,
    expected_allowance: IDL.Opt(IDL.Nat),
    expires_at: IDL.Opt(IDL.Nat64),
    fee: IDL.Opt(IDL.Nat),
    memo: IDL.Opt(IDL.Vec(IDL.Nat8)),
    created_at_time: IDL.Opt(IDL.Nat64)
  })
);

/** Error of icrc2_approve. */
export type ApproveError =
  | DeduplicationError
  | { BadFee: { expected_fee: bigint } }
  | { InsufficientFunds: { balance: bigint } }
  | { AllowanceChanged: { current_allowance: bigint } }
  | { Expired: { ledger_time: bigint } };

/** Candid type of ApproveError. */
export const ApproveErrorIdl = named(
  'ApproveError',
  IDL.Variant({
    BadFee: IDL.Record({ expected_fee: IDL.Nat }),
    InsufficientFunds: IDL.Record({ balance: IDL.Nat }),
    AllowanceChanged: IDL.Record({ current_allowance: IDL.Nat }),
    Expired: IDL.Record({ ledger_time: IDL.Nat64 }),
    ...DeduplicationErrorArms
  })
);

/** Reply of icrc2_approve. */
export const ApproveResultIdl = named('ApproveResult', IDL.Variant({ Ok: IDL.Nat, Err: ApproveErrorIdl }));

/** Argument of icrc2_transfer_from. */
export interface TransferFromArgs {
  spender_subaccount: Opt<Uint8Array>;
  from: Account;
  to: Account;
  amount: bigint;
  fee: Opt<bigint>;
  memo: Opt<Uint8Array>;
  created_at_time: Opt<bigint>;
}

/** Candid type of TransferFromArgs. */
export const TransferFromArgsIdl = named(
  'TransferFromArgs',
  IDL.Record({
    spender_subaccount: IDL.Opt(SubaccountIdl),
    from: AccountIdl,
    to: AccountIdl,
    amount: IDL.Nat,
    fee: IDL.Opt(IDL.Nat),
    memo: IDL.Opt(IDL.Vec(IDL.Nat8)),
    created_at_time: IDL.Opt(IDL.Nat64)
  })
);

/** Error of icrc2_transfer_from. */
export type TransferFromError =
  | DeduplicationError
  | { BadFee: { expected_fee: bigint } }
  | { BadBurn: { min_burn_amount: bigint } }
  | { InsufficientFunds: { balance: bigint } }
  | { InsufficientAllowance: { allowance: bigint } };

/** Candid type of TransferFromError. */
export const TransferFromErrorIdl = named(
  'TransferFromError',
  IDL.Variant({
    BadFee: IDL.Record({ expected_fee: IDL.Nat }),
    BadBurn: IDL.Record({ min_burn_amount: IDL.Nat }),
    InsufficientFunds: IDL.Record({ balance: IDL.Nat }),
    InsufficientAllowance: IDL.Record({ allowance: IDL.Nat }),
    ...DeduplicationErrorArms
  })
);

/** Reply of icrc2_transfer_from. */
export const TransferFromResultIdl = named('TransferFromResult', IDL.Variant({ Ok: IDL.Nat, Err: TransferFromErrorIdl }));

/** Argument of icrc2_allowance. */
export interface AllowanceArgs {
  account: Account;
  spender: Account;
}

/** Candid type of AllowanceArgs. */
export const AllowanceArgsIdl = named('AllowanceArgs', IDL.Record({ account: AccountIdl, spender: AccountIdl }));

/** Reply of icrc2_allowance. */
export interface Allowance {
  allowance: bigint;
  expires_at: Opt<bigint>;
}

/** Candid type of Allowance. */
export const AllowanceIdl = named('Allowance', IDL.Record({ allowance: IDL.Nat, expires_at: IDL.Opt(IDL.Nat64) }));
