import { Value } from '@chargex/common';
import { Principal } from 'azle';

import { accountOf, accountValue, sameAccount, validSubaccount } from '../icrc3/account';
import { callerFields } from '../icrc3/block_fields';
import { map, nat } from '../icrc3/value';
import { LIMITS } from '../limits';
import { Collection } from '../nft/collection';
import { batchTooLarge, createdAtProblem, ERROR_CODES, GenericErrorInfo, memoProblem, processBatch } from '../nft/tx_checks';
import { ApprovalInfo, canonicalApproval } from './approval_info';
import {
  ApproveCollectionArg,
  ApproveCollectionError,
  ApproveCollectionResult,
  ApproveTokenArg,
  ApproveTokenResult
} from './icrc37_types';

/** icrc37_approve_tokens: each item lets a spender move one of the caller's tokens; results positional. */
export function approveTokens(
  collection: Collection,
  caller: Principal,
  args: ApproveTokenArg[],
  now: bigint
): Array<[] | [ApproveTokenResult]> {
  return processBatch(
    args,
    LIMITS.maxUpdateBatchSize,
    () => ({ Err: { GenericBatchError: batchTooLarge(LIMITS.maxUpdateBatchSize) } }),
    (arg) => approveToken(collection, caller, arg, now)
  );
}

/**
 * icrc37_approve_collection: each item lets a spender move any token the caller holds on a subaccount. Replies
 * with ApproveCollectionResult (Ok: the transaction index), as the standard's text describes; its .did's
 * `vec opt ApproveCollectionError` cannot carry the transaction index the text requires.
 */
export function approveCollection(
  collection: Collection,
  caller: Principal,
  args: ApproveCollectionArg[],
  now: bigint
): Array<[] | [ApproveCollectionResult]> {
  return processBatch(
    args,
    LIMITS.maxUpdateBatchSize,
    () => ({ Err: { GenericBatchError: batchTooLarge(LIMITS.maxUpdateBatchSize) } }),
    (arg) => approveForCollection(collection, caller, arg.approval_info, now)
  );
}

function approveToken(collection: Collection, caller: Principal, arg: ApproveTokenArg, now: bigint): ApproveTokenResult {
  const refused = approvalProblem(caller, arg.approval_info, now);
  if (refused !== undefined) {
    return { Err: refused };
  }
  const owner = collection.tokens.ownerOf(arg.token_id);
  if (owner === undefined) {
    return { Err: { NonExistingTokenId: null } };
  }
  const info = arg.approval_info;
  if (!validSubaccount(info.from_subaccount) || !sameAccount(owner, accountOf(caller, info.from_subaccount))) {
    return { Err: { Unauthorized: null } };
  }
  const approval = canonicalApproval(info);
  if (collection.tokenApprovals.countWith(arg.token_id, approval, now) > LIMITS.maxApprovalsPerTokenOrCollection) {
    return { Err: { GenericError: tooManyApprovals('token') } };
  }
  collection.tokenApprovals.put(arg.token_id, approval, now);
  return { Ok: collection.log.append('37approve', approvalTx(owner.owner, approval, arg.token_id), now) };
}

function approveForCollection(collection: Collection, caller: Principal, info: ApprovalInfo, now: bigint): ApproveCollectionResult {
  const refused = approvalProblem(caller, info, now);
  if (refused !== undefined) {
    return { Err: refused };
  }
  if (caller.isAnonymous()) {
    return { Err: { GenericError: { error_code: ERROR_CODES.anonymousCaller, message: 'the anonymous principal holds no tokens to approve' } } };
  }
  if (!validSubaccount(info.from_subaccount)) {
    return { Err: { GenericError: { error_code: ERROR_CODES.invalidSubaccount, message: 'from_subaccount must be 32 bytes' } } };
  }
  const approval = canonicalApproval(info);
  if (collection.collectionApprovals.countWith(caller, approval, now) > LIMITS.maxApprovalsPerTokenOrCollection) {
    return { Err: { GenericError: tooManyApprovals('principal') } };
  }
  collection.collectionApprovals.put(caller, approval, now);
  return { Ok: collection.log.append('37approve_coll', approvalTx(caller, approval, undefined), now) };
}

/**
 * The checks both approvals share, in order: memo, time window, spender (not the caller itself: ICRC-37's
 * InvalidSpender; not anonymous or malformed either), and an expiry that has not already passed.
 */
function approvalProblem(caller: Principal, info: ApprovalInfo, now: bigint): ApproveCollectionError | undefined {
  const memoError = memoProblem(info.memo);
  if (memoError !== undefined) {
    return { GenericError: memoError };
  }
  const timeError = createdAtProblem(info.created_at_time, now);
  if (timeError !== undefined) {
    return timeError;
  }
  const spender = info.spender;
  if (spender.owner.compareTo(caller) === 'eq' || spender.owner.isAnonymous() || !validSubaccount(spender.subaccount)) {
    return { InvalidSpender: null };
  }
  const expiresAt = info.expires_at[0];
  if (expiresAt !== undefined && expiresAt <= now) {
    return { GenericError: { error_code: ERROR_CODES.approvalExpired, message: 'expires_at is not in the future' } };
  }
  return undefined;
}

function tooManyApprovals(scope: 'token' | 'principal'): GenericErrorInfo {
  const limit = LIMITS.maxApprovalsPerTokenOrCollection;
  return { error_code: ERROR_CODES.tooManyApprovals, message: `at most ${limit} active approvals per ${scope}` };
}

function approvalTx(owner: Principal, approval: ApprovalInfo, tokenId: bigint | undefined): Value {
  return map([
    ['tid', tokenId === undefined ? undefined : nat(tokenId)],
    ['from', accountValue(accountOf(owner, approval.from_subaccount))],
    ['spender', accountValue(approval.spender)],
    ['exp', approval.expires_at[0] === undefined ? undefined : nat(approval.expires_at[0])],
    ...callerFields(approval.memo, [approval.created_at_time])
  ]);
}
