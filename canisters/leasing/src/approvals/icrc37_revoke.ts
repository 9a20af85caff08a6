import { Principal } from 'azle';

import { Account, accountOf, accountValue, canonicalAccount, sameAccount, validSubaccount } from '../icrc3/account';
import { callerFields } from '../icrc3/block_fields';
import { map, nat } from '../icrc3/value';
import { LIMITS } from '../limits';
import { Collection } from '../nft/collection';
import { batchTooLarge, createdAtProblem, memoProblem } from '../nft/tx_checks';
import { approvalMatches } from './approval_lists';
import {
  RevokeCollectionApprovalArg,
  RevokeCollectionApprovalError,
  RevokeCollectionApprovalResult,
  RevokeTokenApprovalArg,
  RevokeTokenApprovalError,
  RevokeTokenApprovalResponse
} from './icrc37_types';

/** What one revoke item would do: how many approvals it removes and how to apply it, or its error. */
type Plan<E> = { error: E } | { count: number; apply: () => bigint };

/** icrc37_revoke_token_approvals: results positional, at most max_revoke_approvals approvals per call. */
export function revokeTokenApprovals(
  collection: Collection,
  caller: Principal,
  args: RevokeTokenApprovalArg[],
  now: bigint
): Array<[] | [RevokeTokenApprovalResponse]> {
  return revokeWithin(args, (arg) => planTokenRevoke(collection, caller, arg, now), revokeBatchError);
}

/** icrc37_revoke_collection_approvals: results positional, at most max_revoke_approvals approvals per call. */
export function revokeCollectionApprovals(
  collection: Collection,
  caller: Principal,
  args: RevokeCollectionApprovalArg[],
  now: bigint
): Array<[] | [RevokeCollectionApprovalResult]> {
  return revokeWithin(args, (arg) => planCollectionRevoke(collection, caller, arg, now), revokeBatchError);
}

/**
 * Processes revoke items in order until the batch exceeds max_update_batch_size items or the next item would take
 * the call past max_revoke_approvals revoked approvals: that item gets a GenericBatchError and the reply ends.
 */
function revokeWithin<A, E>(args: A[], plan: (arg: A) => Plan<E>, batchError: (limit: number) => E): Array<[] | [{ Ok: bigint } | { Err: E }]> {
  const results: Array<[] | [{ Ok: bigint } | { Err: E }]> = [];
  let revoked = 0;
  for (const arg of args) {
    if (results.length === LIMITS.maxUpdateBatchSize) {
      results.push([{ Err: batchError(LIMITS.maxUpdateBatchSize) }]);
      break;
    }
    const planned = plan(arg);
    if ('error' in planned) {
      results.push([{ Err: planned.error }]);
      continue;
    }
    if (revoked + planned.count > LIMITS.maxRevokeApprovals) {
      results.push([{ Err: batchError(LIMITS.maxRevokeApprovals) }]);
      break;
    }
    revoked += planned.count;
    results.push([{ Ok: planned.apply() }]);
  }
  return results;
}

function planTokenRevoke(collection: Collection, caller: Principal, arg: RevokeTokenApprovalArg, now: bigint): Plan<RevokeTokenApprovalError> {
  const problem = txProblem(arg.memo, arg.created_at_time, now);
  if (problem !== undefined) {
    return { error: problem };
  }
  const owner = collection.tokens.ownerOf(arg.token_id);
  if (owner === undefined) {
    return { error: { NonExistingTokenId: null } };
  }
  if (!validSubaccount(arg.from_subaccount) || !sameAccount(owner, accountOf(caller, arg.from_subaccount))) {
    return { error: { Unauthorized: null } };
  }
  const spender = spenderOf(arg.spender);
  const matches = collection.tokenApprovals.active(arg.token_id, now).filter((a) => approvalMatches(a, arg.from_subaccount, spender));
  if (matches.length === 0) {
    return { error: { ApprovalDoesNotExist: null } };
  }
  return {
    count: matches.length,
    apply: () => {
      collection.tokenApprovals.remove(arg.token_id, (a) => approvalMatches(a, arg.from_subaccount, spender), now);
      return collection.log.append(
        '37revoke',
        map([
          ['tid', nat(arg.token_id)],
          ['from', accountValue(owner)],
          ['spender', spender === undefined ? undefined : accountValue(spender)],
          ...callerFields(arg.memo, arg.created_at_time)
        ]),
        now
      );
    }
  };
}

function planCollectionRevoke(
  collection: Collection,
  caller: Principal,
  arg: RevokeCollectionApprovalArg,
  now: bigint
): Plan<RevokeCollectionApprovalError> {
  const problem = txProblem(arg.memo, arg.created_at_time, now);
  if (problem !== undefined) {
    return { error: problem };
  }
  const spender = spenderOf(arg.spender);
  const matches = collection.collectionApprovals.active(caller, now).filter((a) => approvalMatches(a, arg.from_subaccount, spender));
  if (!validSubaccount(arg.from_subaccount) || matches.length === 0) {
    return { error: { ApprovalDoesNotExist: null } };
  }
  return {
    count: matches.length,
    apply: () => {
      collection.collectionApprovals.remove(caller, (a) => approvalMatches(a, arg.from_subaccount, spender), now);
      return collection.log.append(
        '37revoke_coll',
        map([
          ['from', accountValue(accountOf(caller, arg.from_subaccount))],
          ['spender', spender === undefined ? undefined : accountValue(spender)],
          ...callerFields(arg.memo, arg.created_at_time)
        ]),
        now
      );
    }
  };
}

function revokeBatchError(limit: number) {
  return { GenericBatchError: batchTooLarge(limit) };
}

function txProblem(memo: [] | [Uint8Array], createdAt: [] | [bigint], now: bigint): RevokeCollectionApprovalError | undefined {
  const memoError = memoProblem(memo);
  if (memoError !== undefined) {
    return { GenericError: memoError };
  }
  return createdAt[0] === undefined ? undefined : createdAtProblem(createdAt[0], now);
}

function spenderOf(spender: [] | [Account]): Account | undefined {
  return spender[0] === undefined ? undefined : canonicalAccount(spender[0]);
}
