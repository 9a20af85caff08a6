import { Statistics } from '../api/query';
import { MetricsAccumulator } from '../rollups/accumulator';
import { ROLLUP_RESOLUTIONS, RollupResolution, RollupStore } from '../rollups/rollup_store';

const MINUTE_MS = ROLLUP_RESOLUTIONS.minute;

/**
 * Count and metrics of a battery over [fromMs, toMs) widened to whole minutes, combined from the coarsest
 * rollups that fit: whole days, then whole hours, then minutes at the edges. A 10-day range costs about 10 +
 * 2 x 23 + 2 x 59 lookups. Where minute rollups have passed their retention, the edges are missing from the sums.
 */
export function statistics(rollups: Record<RollupResolution, RollupStore>, battery: number, fromMs: number, toMs: number): Statistics {
  const start = Math.floor(fromMs / MINUTE_MS) * MINUTE_MS;
  const end = Math.ceil(toMs / MINUTE_MS) * MINUTE_MS;
  const total = new MetricsAccumulator();
  for (let at = start; at < end; ) {
    const store = coarsestFitting(rollups, at, end);
    const bucket = store.get(store.bucketOf(at), battery);
    if (bucket !== undefined) {
      total.merge(bucket);
    }
    at += store.bucketMs;
  }
  return {
    from_ms: BigInt(start),
    to_ms: BigInt(end),
    count: BigInt(total.count),
    metrics: total.count === 0 ? [] : [total.toMetrics()]
  };
}

function coarsestFitting(rollups: Record<RollupResolution, RollupStore>, at: number, end: number): RollupStore {
  for (const store of [rollups.day, rollups.hour]) {
    if (at % store.bucketMs === 0 && at + store.bucketMs <= end) {
      return store;
    }
  }
  return rollups.minute;
}
