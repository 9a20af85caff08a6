import { named } from '@chargex/common';
import { IDL } from 'azle';

import { Account, AccountIdl } from '../icrc3/account';
import { GenericErrorIdl } from '../nft/icrc7_types';
import { GenericErrorInfo } from '../nft/tx_checks';
import { ApprovalInfo, ApprovalInfoIdl } from './approval_info';

const Blob = IDL.Vec(IDL.Nat8);
const CreatedInFutureIdl = IDL.Record({ ledger_time: IDL.Nat64 });

/** Errors every ICRC-37 update shares. */
type CommonTxError =
  | { TooOld: null }
  | { CreatedInFuture: { ledger_time: bigint } }
  | { GenericError: GenericErrorInfo }
  | { GenericBatchError: GenericErrorInfo };

const commonTxErrorArms = {
  TooOld: IDL.Null,
  CreatedInFuture: CreatedInFutureIdl,
  GenericError: GenericErrorIdl,
  GenericBatchError: GenericErrorIdl
};

/** One item of icrc37_approve_tokens. */
export interface ApproveTokenArg {
  token_id: bigint;
  approval_info: ApprovalInfo;
}
/** Candid type of ApproveTokenArg. */
export const ApproveTokenArgIdl = named('ApproveTokenArg', IDL.Record({ token_id: IDL.Nat, approval_info: ApprovalInfoIdl }));

export type ApproveTokenError = { InvalidSpender: null } | { Unauthorized: null } | { NonExistingTokenId: null } | CommonTxError;
export type ApproveTokenResult = { Ok: bigint } | { Err: ApproveTokenError };
/** Candid type of ApproveTokenResult. */
export const ApproveTokenResultIdl = named(
  'ApproveTokenResult',
  IDL.Variant({
    Ok: IDL.Nat,
    Err: named(
      'ApproveTokenError',
      IDL.Variant({ InvalidSpender: IDL.Null, Unauthorized: IDL.Null, NonExistingTokenId: IDL.Null, ...commonTxErrorArms })
    )
  })
);

/** One item of icrc37_approve_collection. */
export interface ApproveCollectionArg {
  approval_info: ApprovalInfo;
}
/** Candid type of ApproveCollectionArg. */
export const ApproveCollectionArgIdl = named('ApproveCollectionArg', IDL.Record({ approval_info: ApprovalInfoIdl }));

export type ApproveCollectionError = { InvalidSpender: null } | CommonTxError;
export type ApproveCollectionResult = { Ok: bigint } | { Err: ApproveCollectionError };
/** Candid type of ApproveCollectionResult. */
export const ApproveCollectionResultIdl = named(
  'ApproveCollectionResult',
  IDL.Variant({
    Ok: IDL.Nat,
    Err: named('ApproveCollectionError', IDL.Variant({ InvalidSpender: IDL.Null, ...commonTxErrorArms }))
  })
);

/** One item of icrc37_revoke_token_approvals (no spender: every spender). */
export interface RevokeTokenApprovalArg {
  spender: [] | [Account];
  from_subaccount: [] | [Uint8Array];
  token_id: bigint;
  memo: [] | [Uint8Array];
  created_at_time: [] | [bigint];
}
/** Candid type of RevokeTokenApprovalArg. */
export const RevokeTokenApprovalArgIdl = named(
  'RevokeTokenApprovalArg',
  IDL.Record({
    spender: IDL.Opt(AccountIdl),
    from_subaccount: IDL.Opt(Blob),
    token_id: IDL.Nat,
    memo: IDL.Opt(Blob),
    created_at_time: IDL.Opt(IDL.Nat64)
  })
);

export type RevokeTokenApprovalError =
  | { ApprovalDoesNotExist: null }
  | { Unauthorized: null }
  | { NonExistingTokenId: null }
  | CommonTxError;
export type RevokeTokenApprovalResponse = { Ok: bigint } | { Err: RevokeTokenApprovalError };
/** Candid type of RevokeTokenApprovalResponse. */
export const RevokeTokenApprovalResponseIdl = named(
  'RevokeTokenApprovalResponse',
  IDL.Variant({
    Ok: IDL.Nat,
    Err: named(
      'RevokeTokenApprovalError',
      IDL.Variant({ ApprovalDoesNotExist: IDL.Null, Unauthorized: IDL.Null, NonExistingTokenId: IDL.Null, ...commonTxErrorArms })
    )
  })
);

/** One item of icrc37_revoke_collection_approvals (no spender: every spender). */
export interface RevokeCollectionApprovalArg {
  spender: [] | [Account];
  from_subaccount: [] | [Uint8Array];
  memo: [] | [Uint8Array];
  created_at_time: [] | [bigint];
}
/** Candid type of RevokeCollectionApprovalArg. */
export const RevokeCollectionApprovalArgIdl = named(
  'RevokeCollectionApprovalArg',
  IDL.Record({
    spender: IDL.Opt(AccountIdl),
    from_subaccount: IDL.Opt(Blob),
    memo: IDL.Opt(Blob),
    created_at_time: IDL.Opt(IDL.Nat64)
  })
);

export type RevokeCollectionApprovalError = { ApprovalDoesNotExist: null } | CommonTxError;
export type RevokeCollectionApprovalResult = { Ok: bigint } | { Err: RevokeCollectionApprovalError };
/** Candid type of RevokeCollectionApprovalResult. */
export const RevokeCollectionApprovalResultIdl = named(
  'RevokeCollectionApprovalResult',
  IDL.Variant({
    Ok: IDL.Nat,
    Err: named('RevokeCollectionApprovalError', IDL.Variant({ ApprovalDoesNotExist: IDL.Null, ...commonTxErrorArms }))
  })
);

/** One item of icrc37_is_approved. */
export interface IsApprovedArg {
  spender: Account;
  from_subaccount: [] | [Uint8Array];
  token_id: bigint;
}
/** Candid type of IsApprovedArg. */
export const IsApprovedArgIdl = named(
  'IsApprovedArg',
  IDL.Record({ spender: AccountIdl, from_subaccount: IDL.Opt(Blob), token_id: IDL.Nat })
);

/** A token-level approval as icrc37_get_token_approvals lists it. */
export interface TokenApproval {
  token_id: bigint;
  approval_info: ApprovalInfo;
}
/** Candid type of TokenApproval. */
export const TokenApprovalIdl = named('TokenApproval', IDL.Record({ token_id: IDL.Nat, approval_info: ApprovalInfoIdl }));

/** One item of icrc37_transfer_from. */
export interface TransferFromArg {
  spender_subaccount: [] | [Uint8Array];
  from: Account;
  to: Account;
  token_id: bigint;
  memo: [] | [Uint8Array];
  created_at_time: [] | [bigint];
}
/** Candid type of TransferFromArg. */
export const TransferFromArgIdl = named(
  'TransferFromArg',
  IDL.Record({
    spender_subaccount: IDL.Opt(Blob),
    from: AccountIdl,
    to: AccountIdl,
    token_id: IDL.Nat,
    memo: IDL.Opt(Blob),
    created_at_time: IDL.Opt(IDL.Nat64)
  })
);

export type TransferFromError =
  | { InvalidRecipient: null }
  | { Unauthorized: null }
  | { NonExistingTokenId: null }
  | { Duplicate: { duplicate_of: bigint } }
  | CommonTxError;
export type TransferFromResult = { Ok: bigint } | { Err: TransferFromError };
/** Candid type of TransferFromResult. */
export const TransferFromResultIdl = named(
  'TransferFromResult',
  IDL.Variant({
    Ok: IDL.Nat,
    Err: named(
      'TransferFromError',
      IDL.Variant({
        InvalidRecipient: IDL.Null,
        Unauthorized: IDL.Null,
        NonExistingTokenId: IDL.Null,
        Duplicate: IDL.Record({ duplicate_of: IDL.Nat }),
        ...commonTxErrorArms
      })
    )
  })
);
