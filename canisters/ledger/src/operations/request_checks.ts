import { Principal } from '@dfinity/principal';

import { subaccountProblem } from '../accounts/account';
import { DedupIndex, lastUsefulMoment } from '../dedup/dedup_index';
import { DeduplicationError, Opt } from '../idl/icrc1';
import { PERMITTED_DRIFT_NS, TOKEN } from '../token';
import { GENERIC_ERROR, genericError } from './generic_error';

type GenericErrorArm = ReturnType<typeof genericError>;

/** Refuses the anonymous principal as the one moving tokens. */
export function refuseAnonymous(caller: Principal): GenericErrorArm | undefined {
  return caller.isAnonymous()
    ? genericError(GENERIC_ERROR.anonymousCaller, 'the anonymous principal cannot transfer or approve tokens')
    : undefined;
}

/** Refuses the first subaccount (by field name) that is not 32 bytes long. */
export function refuseBadSubaccounts(subaccounts: Record<string, Opt<Uint8Array>>): GenericErrorArm | undefined {
  for (const [field, subaccount] of Object.entries(subaccounts)) {
    const problem = subaccountProblem(subaccount);
    if (problem !== undefined) {
      return genericError(GENERIC_ERROR.invalidSubaccount, `${field}: ${problem}`);
    }
  }
  return undefined;
}

/** Refuses a memo longer than the ledger keeps. */
export function refuseLongMemo(memo: Opt<Uint8Array>): GenericErrorArm | undefined {
  const length = memo[0]?.length ?? 0;
  return length > TOKEN.maxMemoBytes
    ? genericError(GENERIC_ERROR.memoTooLong, `the memo has ${length} bytes, at most ${TOKEN.maxMemoBytes} are allowed`)
    : undefined;
}

/** A request that set created_at_time: its deduplication key (see `deduplicationKey`) and that time. */
export interface DeduplicationRequest {
  key: Uint8Array;
  createdAt: bigint;
}

/**
 * ICRC-1 deduplication for a request that set created_at_time: TooOld before now - TX_WINDOW - PERMITTED_DRIFT,
 * CreatedInFuture after now + PERMITTED_DRIFT, Duplicate when the same transaction was recorded in the window.
 * A request without created_at_time is never deduplicated.
 */
export function refuseByDeduplication(
  dedup: DedupIndex,
  request: DeduplicationRequest | undefined,
  now: bigint
): DeduplicationError | undefined {
  if (request === undefined) {
    return undefined;
  }
  const { key, createdAt } = request;
  if (lastUsefulMoment(createdAt) < now) {
    return { TooOld: null };
  }
  if (createdAt > now + PERMITTED_DRIFT_NS) {
    return { CreatedInFuture: { ledger_time: now } };
  }
  const duplicateOf = dedup.find(key);
  if (duplicateOf !== undefined) {
    return { Duplicate: { duplicate_of: duplicateOf } };
  }
  return dedup.isFull() ? { TemporarilyUnavailable: null } : undefined;
}
