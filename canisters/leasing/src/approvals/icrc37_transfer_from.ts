import { Principal } from 'azle';

import { Account, accountOf, accountValue, canonicalAccount, sameAccount, validSubaccount } from '../icrc3/account';
import { callerFields } from '../icrc3/block_fields';
import { map, nat } from '../icrc3/value';
import { LIMITS } from '../limits';
import { Collection } from '../nft/collection';
import { RequestKey } from '../nft/request_key';
import { openDeduplicatedRequest } from '../nft/deduplicated_request';
import { batchTooLarge, processBatch } from '../nft/tx_checks';
import { approvalMatches } from './approval_lists';
import { TransferFromArg, TransferFromResult } from './icrc37_types';

/** icrc37_transfer_from: each item moves one token on its holder's behalf; results positional. */
export function transferFrom(collection: Collection, caller: Principal, args: TransferFromArg[], now: bigint): Array<[] | [TransferFromResult]> {
  return processBatch(
    args,
    LIMITS.maxUpdateBatchSize,
    () => ({ Err: { GenericBatchError: batchTooLarge(LIMITS.maxUpdateBatchSize) } }),
    (arg) => transferFromOne(collection, caller, arg, now)
  );
}

/** Tells whether `spender` may move token `tokenId` out of `from`, by a token-level or collection-level approval. */
export function hasApproval(collection: Collection, tokenId: bigint, from: Account, spender: Account, now: bigint): boolean {
  const byToken = collection.tokenApprovals.active(tokenId, now).some((a) => approvalMatches(a, from.subaccount, spender));
  return byToken || collection.collectionApprovals.active(from.owner, now).some((a) => approvalMatches(a, from.subaccount, spender));
}

/** Checks in the same order as icrc7_transfer: memo, time, duplicates, token, right to move it, recipient. */
function transferFromOne(collection: Collection, caller: Principal, arg: TransferFromArg, now: bigint): TransferFromResult {
  const opened = openDeduplicatedRequest(collection.dedup, arg, () => transferFromKey(caller, arg), now);
  if ('Err' in opened) {
    return opened;
  }
  const owner = collection.tokens.ownerOf(arg.token_id);
  if (owner === undefined) {
    return { Err: { NonExistingTokenId: null } };
  }
  if (!validSubaccount(arg.from.subaccount) || !validSubaccount(arg.spender_subaccount) || !sameAccount(owner, arg.from)) {
    return { Err: { Unauthorized: null } };
  }
  const spender = accountOf(caller, arg.spender_subaccount);
  // The holder's principal always has an implicit approval for its own tokens.
  const holder = caller.compareTo(owner.owner) === 'eq';
  if (!holder && !hasApproval(collection, arg.token_id, owner, spender, now)) {
    return { Err: { Unauthorized: null } };
  }
  if (!collection.validRecipient(arg.to, owner)) {
    return { Err: { InvalidRecipient: null } };
  }
  const to = canonicalAccount(arg.to);
  collection.changeOwner(arg.token_id, to);
  const tx = collection.log.append(
    '37xfer',
    map([
      ['tid', nat(arg.token_id)],
      ['spender', accountValue(spender)],
      ['from', accountValue(owner)],
      ['to', accountValue(to)],
      ...callerFields(arg.memo, arg.created_at_time)
    ]),
    now
  );
  opened.record(tx);
  return { Ok: tx };
}

function transferFromKey(caller: Principal, arg: TransferFromArg): Uint8Array {
  return new RequestKey('icrc37_transfer_from', caller)
    .optBlob(arg.spender_subaccount)
    .account(arg.from)
    .account(arg.to)
    .nat(arg.token_id)
    .optBlob(arg.memo)
    .optNat(arg.created_at_time)
    .digest();
}
