/**
 * The limits the collection advertises in its ICRC-7/37 metadata and enforces. Batch sizes keep one call well
 * inside the IC's instruction and reply-size limits (a transfer writes about ten stable-map entries and hashes a
 * block); the deduplication window is the one ICRC-7 suggests.
 */
export const LIMITS = {
  maxQueryBatchSize: 100,
  maxUpdateBatchSize: 50,
  defaultTakeValue: 50,
  maxTakeValue: 200,
  maxMemoSize: 32,
  txWindowSeconds: 24n * 60n * 60n,
  permittedDriftSeconds: 120n,
  maxApprovalsPerTokenOrCollection: 10,
  maxRevokeApprovals: 20,
  /** Most blocks one icrc3_get_blocks call returns, over all its ranges. */
  maxBlocksPerCall: 100
} as const;

const NS_PER_SECOND = 1_000_000_000n;

/** TX_WINDOW in nanoseconds. */
export const TX_WINDOW_NS = LIMITS.txWindowSeconds * NS_PER_SECOND;

/** PERMITTED_DRIFT in nanoseconds. */
export const PERMITTED_DRIFT_NS = LIMITS.permittedDriftSeconds * NS_PER_SECOND;

/** The `take` a paginated query uses: the default when none is given, never more than the maximum. */
export function effectiveTake(take: [] | [bigint]): number {
  const requested = take[0] ?? BigInt(LIMITS.defaultTakeValue);
  return Number(requested < BigInt(LIMITS.maxTakeValue) ? requested : BigInt(LIMITS.maxTakeValue));
}
