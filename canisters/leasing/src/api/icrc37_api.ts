import { IDL, msgCaller, query, time, update } from 'azle';

import { ApprovalInfo, ApprovalInfoIdl } from '../approvals/approval_info';
import { approveCollection, approveTokens } from '../approvals/icrc37_approve';
import { revokeCollectionApprovals, revokeTokenApprovals } from '../approvals/icrc37_revoke';
import { transferFrom } from '../approvals/icrc37_transfer_from';
import {
  ApproveCollectionArg,
  ApproveCollectionArgIdl,
  ApproveCollectionResultIdl,
  ApproveTokenArg,
  ApproveTokenArgIdl,
  ApproveTokenResultIdl,
  IsApprovedArg,
  IsApprovedArgIdl,
  RevokeCollectionApprovalArg,
  RevokeCollectionApprovalArgIdl,
  RevokeCollectionApprovalResultIdl,
  RevokeTokenApprovalArg,
  RevokeTokenApprovalArgIdl,
  RevokeTokenApprovalResponseIdl,
  TokenApproval,
  TokenApprovalIdl,
  TransferFromArg,
  TransferFromArgIdl,
  TransferFromResultIdl
} from '../approvals/icrc37_types';
import { collection, icrc37 } from '../app';
import { Account, AccountIdl } from '../icrc3/account';
import { LIMITS } from '../limits';

const OptNat = IDL.Opt(IDL.Nat);

/** ICRC-37: approvals and transfers on a holder's behalf. */
export class Icrc37Api {
  /** Active approvals allowed per token, and per principal for the collection. */
  @query([], OptNat)
  icrc37_max_approvals_per_token_or_collection(): [bigint] {
    return [BigInt(LIMITS.maxApprovalsPerTokenOrCollection)];
  }

  /** Approvals one revoke call may remove at most. */
  @query([], OptNat)
  icrc37_max_revoke_approvals(): [bigint] {
    return [BigInt(LIMITS.maxRevokeApprovals)];
  }

  /** Lets spenders move some of the caller's tokens; one result per item, in order. */
  @update([IDL.Vec(ApproveTokenArgIdl)], IDL.Vec(IDL.Opt(ApproveTokenResultIdl)))
  icrc37_approve_tokens(args: ApproveTokenArg[]) {
    return approveTokens(collection, msgCaller(), args, time());
  }

  /** Lets spenders move any token the caller holds on a subaccount; one result per item, in order. */
  @update([IDL.Vec(ApproveCollectionArgIdl)], IDL.Vec(IDL.Opt(ApproveCollectionResultIdl)))
  icrc37_approve_collection(args: ApproveCollectionArg[]) {
    return approveCollection(collection, msgCaller(), args, time());
  }

  /** Withdraws token-level approvals; one result per item, in order. */
  @update([IDL.Vec(RevokeTokenApprovalArgIdl)], IDL.Vec(IDL.Opt(RevokeTokenApprovalResponseIdl)))
  icrc37_revoke_token_approvals(args: RevokeTokenApprovalArg[]) {
    return revokeTokenApprovals(collection, msgCaller(), args, time());
  }

  /** Withdraws collection-level approvals; one result per item, in order. */
  @update([IDL.Vec(RevokeCollectionApprovalArgIdl)], IDL.Vec(IDL.Opt(RevokeCollectionApprovalResultIdl)))
  icrc37_revoke_collection_approvals(args: RevokeCollectionApprovalArg[]) {
    return revokeCollectionApprovals(collection, msgCaller(), args, time());
  }

  /** Whether an active approval lets each spender move the token. */
  @query([IDL.Vec(IsApprovedArgIdl)], IDL.Vec(IDL.Bool))
  icrc37_is_approved(args: IsApprovedArg[]): boolean[] {
    return icrc37.isApproved(args, time());
  }

  /** A token's active token-level approvals after `prev`. */
  @query([IDL.Nat, IDL.Opt(TokenApprovalIdl), OptNat], IDL.Vec(TokenApprovalIdl))
  icrc37_get_token_approvals(tokenId: bigint, prev: [] | [TokenApproval], take: [] | [bigint]): TokenApproval[] {
    return icrc37.tokenApprovals(tokenId, prev, take, time());
  }

  /** An account's active collection-level approvals after `prev`. */
  @query([AccountIdl, IDL.Opt(ApprovalInfoIdl), OptNat], IDL.Vec(ApprovalInfoIdl))
  icrc37_get_collection_approvals(owner: Account, prev: [] | [ApprovalInfo], take: [] | [bigint]): ApprovalInfo[] {
    return icrc37.collectionApprovals(owner, prev, take, time());
  }

  /** Moves tokens as their holder or an approved spender; one result per item, in order. */
  @update([IDL.Vec(TransferFromArgIdl)], IDL.Vec(IDL.Opt(TransferFromResultIdl)))
  icrc37_transfer_from(args: TransferFromArg[]) {
    return transferFrom(collection, msgCaller(), args, time());
  }
}
