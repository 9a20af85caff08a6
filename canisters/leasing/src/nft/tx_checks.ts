import { LIMITS, PERMITTED_DRIFT_NS, TX_WINDOW_NS } from '../limits';

/** Why a transaction's `created_at_time` is refused. */
export type TimeError = { TooOld: null } | { CreatedInFuture: { ledger_time: bigint } };

/** A GenericError / GenericBatchError payload. */
export interface GenericErrorInfo {
  error_code: bigint;
  message: string;
}

/** The error codes of this collection's GenericError and GenericBatchError replies. */
export const ERROR_CODES = {
  memoTooLong: 1n,
  tooManyApprovals: 2n,
  approvalExpired: 3n,
  invalidSubaccount: 4n,
  anonymousCaller: 5n,
  batchTooLarge: 100n
} as const;

/**
 * ICRC-7's time checks: older than TX_WINDOW + PERMITTED_DRIFT before now is too old, more than PERMITTED_DRIFT after
 * now is in the future.
 */
export function createdAtProblem(createdAt: bigint, now: bigint): TimeError | undefined {
  if (createdAt < now - TX_WINDOW_NS - PERMITTED_DRIFT_NS) {
    return { TooOld: null };
  }
  if (createdAt > now + PERMITTED_DRIFT_NS) {
    return { CreatedInFuture: { ledger_time: now } };
  }
  return undefined;
}

/** The GenericError for a memo longer than max_memo_size, or undefined. */
export function memoProblem(memo: [] | [Uint8Array]): GenericErrorInfo | undefined {
  const length = memo[0]?.length ?? 0;
  return length > LIMITS.maxMemoSize
    ? { error_code: ERROR_CODES.memoTooLong, message: `memo is ${length} bytes, at most ${LIMITS.maxMemoSize} allowed` }
    : undefined;
}

/** The GenericBatchError given to the first request item past the batch limit. */
export function batchTooLarge(limit: number): GenericErrorInfo {
  return { error_code: ERROR_CODES.batchTooLarge, message: `batch exceeds the limit of ${limit}: this item and the rest were not processed` };
}

/**
 * Runs `process` on each item of a batch update, keeping results positional. Items past `limit` are not processed:
 * the first of them gets `tooLarge` (a batch error) and the reply ends there, as ICRC-7 allows.
 */
export function processBatch<A, R>(items: readonly A[], limit: number, tooLarge: () => R, process: (item: A) => R): Array<[] | [R]> {
  const results: Array<[] | [R]> = items.slice(0, limit).map((item) => [process(item)]);
  if (items.length > limit) {
    results.push([tooLarge()]);
  }
  return results;
}
