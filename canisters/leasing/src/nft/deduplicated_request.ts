import { DedupStore } from './dedup_store';
import { createdAtProblem, GenericErrorInfo, memoProblem, TimeError } from './tx_checks';

/** The refusals every deduplicated transfer can meet before its own checks. */
export type OpeningError = { GenericError: GenericErrorInfo } | TimeError | { Duplicate: { duplicate_of: bigint } };

/** A request that passed the opening checks: `record` remembers its transaction for deduplication. */
export interface OpenedRequest {
  record(tx: bigint): void;
}

/**
 * The opening checks icrc7_transfer and icrc37_transfer_from share, in the order ICRC-7's deduplication needs:
 * memo size, time window, then duplicates — before any ownership check, so a retried transfer that already happened
 * answers Duplicate rather than Unauthorized. Only a request with created_at_time is deduplicated; `keyOf` is
 * called only for those.
 */
export function openDeduplicatedRequest(
  dedup: DedupStore,
  request: { memo: [] | [Uint8Array]; created_at_time: [] | [bigint] },
  keyOf: () => Uint8Array,
  now: bigint
): { Err: OpeningError } | OpenedRequest {
  const memoError = memoProblem(request.memo);
  if (memoError !== undefined) {
    return { Err: { GenericError: memoError } };
  }
  const createdAt = request.created_at_time[0];
  if (createdAt === undefined) {
    return { record: () => undefined };
  }
  const timeError = createdAtProblem(createdAt, now);
  if (timeError !== undefined) {
    return { Err: timeError };
  }
  const key = keyOf();
  const duplicateOf = dedup.find(key, now);
  if (duplicateOf !== undefined) {
    return { Err: { Duplicate: { duplicate_of: duplicateOf } } };
  }
  return { record: (tx) => dedup.record(key, createdAt, tx, now) };
}
