import { Principal } from 'azle';

import { accountOf, accountValue, canonicalAccount, sameAccount, validSubaccount } from '../icrc3/account';
import { callerFields } from '../icrc3/block_fields';
import { map, nat } from '../icrc3/value';
import { LIMITS } from '../limits';
import { Collection } from './collection';
import { TransferArg, TransferResult } from './icrc7_types';
import { RequestKey } from './request_key';
import { openDeduplicatedRequest } from './deduplicated_request';
import { batchTooLarge, processBatch } from './tx_checks';

/** icrc7_transfer: each item moves one token out of the caller's account, results positional. */
export function transferTokens(collection: Collection, caller: Principal, args: TransferArg[], now: bigint): Array<[] | [TransferResult]> {
  return processBatch(
    args,
    LIMITS.maxUpdateBatchSize,
    () => ({ Err: { GenericBatchError: batchTooLarge(LIMITS.maxUpdateBatchSize) } }),
    (arg) => transferOne(collection, caller, arg, now)
  );
}

/**
 * One transfer. The checks run in the order ICRC-7's deduplication needs: memo and time window, then duplicates
 * (so a retried transfer that already happened answers Duplicate, not Unauthorized now that the caller no longer
 * holds the token), then the token, the caller's right to it, and the recipient.
 */
function transferOne(collection: Collection, caller: Principal, arg: TransferArg, now: bigint): TransferResult {
  const opened = openDeduplicatedRequest(collection.dedup, arg, () => transferKey(caller, arg), now);
  if ('Err' in opened) {
    return opened;
  }
  const owner = collection.tokens.ownerOf(arg.token_id);
  if (owner === undefined) {
    return { Err: { NonExistingTokenId: null } };
  }
  if (!validSubaccount(arg.from_subaccount) || !sameAccount(owner, accountOf(caller, arg.from_subaccount))) {
    return { Err: { Unauthorized: null } };
  }
  if (!collection.validRecipient(arg.to, owner)) {
    return { Err: { InvalidRecipient: null } };
  }
  const to = canonicalAccount(arg.to);
  collection.changeOwner(arg.token_id, to);
  const tx = collection.log.append(
    '7xfer',
    map([['tid', nat(arg.token_id)], ['from', accountValue(owner)], ['to', accountValue(to)], ...callerFields(arg.memo, arg.created_at_time)]),
    now
  );
  opened.record(tx);
  return { Ok: tx };
}

function transferKey(caller: Principal, arg: TransferArg): Uint8Array {
  return new RequestKey('icrc7_transfer', caller)
    .optBlob(arg.from_subaccount)
    .account(arg.to)
    .nat(arg.token_id)
    .optBlob(arg.memo)
    .optNat(arg.created_at_time)
    .digest();
}
