import { Account, canonicalAccount, subaccountsEqual, validSubaccount } from '../icrc3/account';
import { effectiveTake } from '../limits';
import { Collection } from '../nft/collection';
import { queryPrefix } from '../nft/icrc7_queries';
import { ApprovalInfo, compareApprovals } from './approval_info';
import { hasApproval } from './icrc37_transfer_from';
import { IsApprovedArg, TokenApproval } from './icrc37_types';

/** The read side of ICRC-37. Only active (unexpired) approvals exist for these queries. */
export class Icrc37Queries {
  constructor(private readonly collection: Collection) {}

  /**
   * Whether an active token- or collection-level approval lets each spender move the token out of
   * `from_subaccount`. The holder's own implicit right is not an approval, so it answers false for the holder.
   */
  isApproved(args: IsApprovedArg[], now: bigint): boolean[] {
    return queryPrefix(args).map((arg) => {
      const owner = this.collection.tokens.ownerOf(arg.token_id);
      if (owner === undefined || !validSubaccount(arg.spender.subaccount) || !subaccountsEqual(owner.subaccount, arg.from_subaccount)) {
        return false;
      }
      return hasApproval(this.collection, arg.token_id, owner, canonicalAccount(arg.spender), now);
    });
  }

  /** Token-level approvals of a token, ordered by subaccount then spender, after `prev`. */
  tokenApprovals(tokenId: bigint, prev: [] | [TokenApproval], take: [] | [bigint], now: bigint): TokenApproval[] {
    if (this.collection.tokens.ownerOf(tokenId) === undefined) {
      return [];
    }
    const approvals = after(this.collection.tokenApprovals.active(tokenId, now), prev[0]?.approval_info);
    return approvals.slice(0, effectiveTake(take)).map((approval_info) => ({ token_id: tokenId, approval_info }));
  }

  /** Collection-level approvals `owner` gave out of its subaccount, ordered by spender, after `prev`. */
  collectionApprovals(owner: Account, prev: [] | [ApprovalInfo], take: [] | [bigint], now: bigint): ApprovalInfo[] {
    if (!validSubaccount(owner.subaccount)) {
      return [];
    }
    const own = this.collection.collectionApprovals
      .active(owner.owner, now)
      .filter((approval) => subaccountsEqual(approval.from_subaccount, owner.subaccount));
    return after(own, prev[0]).slice(0, effectiveTake(take));
  }
}

function after(sorted: ApprovalInfo[], prev: ApprovalInfo | undefined): ApprovalInfo[] {
  return prev === undefined ? sorted : sorted.filter((approval) => compareApprovals(approval, prev) > 0);
}
