import { RangePage, RollupPoint } from '../api/query';
import { toStoredReading } from '../api/reading';
import { RollupStore } from '../rollups/rollup_store';
import { ChunkStore, WINDOW_MS, windowOf } from '../storage/chunk_store';
import { Reading } from '../storage/reading';

/** Most points one range page returns. */
export const MAX_POINTS = 1_000;
/** Most hourly windows a raw page reads (31 days), so a sparse range costs a bounded number of lookups per page. */
const MAX_WINDOWS_SCANNED = 744;
/** Most buckets a rollup page looks up. */
const MAX_BUCKETS_SCANNED = 5_000;

/**
 * Raw readings of a battery with device timestamps in [fromMs, toMs), oldest first. A page ends on a timestamp
 * boundary, so asking again from `next_from_ms` neither repeats nor skips a reading.
 */
export function rawRange(chunks: ChunkStore, battery: number, fromMs: number, toMs: number, limit: number): RangePage {
  const collected: Reading[] = [];
  const lastWindow = windowOf(toMs - 1);
  // Nothing is stored before the oldest window, so a `from` far in the past does not cost empty pages.
  const firstWindow = Math.max(windowOf(fromMs), chunks.firstWindow() ?? lastWindow + 1);
  const scanEnd = Math.min(lastWindow, firstWindow + MAX_WINDOWS_SCANNED - 1);
  for (let window = firstWindow; window <= scanEnd; window++) {
    const inRange = chunks
      .readWindow(window, battery)
      .filter((reading) => reading.timestampMs >= fromMs && reading.timestampMs < toMs)
      .sort(byTime);
    collected.push(...inRange);
    if (collected.length > limit) {
      return cutAtTimestamp(collected, limit);
    }
  }
  return rawPage(collected, scanEnd < lastWindow ? (scanEnd + 1) * WINDOW_MS : undefined);
}

/** Rollup points of the buckets that overlap [fromMs, toMs), oldest first. */
export function rollupRange(store: RollupStore, battery: number, fromMs: number, toMs: number, limit: number): RangePage {
  const rollups: RollupPoint[] = [];
  const last = store.bucketOf(toMs - 1);
  const first = Math.max(store.bucketOf(fromMs), store.firstBucket() ?? last + 1);
  const scanEnd = Math.min(last, first + MAX_BUCKETS_SCANNED - 1);
  for (let bucket = first; bucket <= scanEnd; bucket++) {
    const summary = store.get(bucket, battery);
    if (summary !== undefined) {
      rollups.push({ start_ms: BigInt(bucket * store.bucketMs), count: summary.count, metrics: summary.toMetrics() });
      if (rollups.length === limit) {
        return { readings: [], rollups, next_from_ms: bucket < last ? [BigInt((bucket + 1) * store.bucketMs)] : [] };
      }
    }
  }
  return { readings: [], rollups, next_from_ms: scanEnd < last ? [BigInt((scanEnd + 1) * store.bucketMs)] : [] };
}

/**
 * Keeps the first `limit` readings minus those sharing a timestamp with the first one left out, which starts the
 * next page. If all `limit` share that timestamp they are returned together (more than `limit`, rather than
 * a page that makes no progress).
 */
function cutAtTimestamp(sorted: Reading[], limit: number): RangePage {
  const nextMs = (sorted[limit] as Reading).timestampMs;
  const before = sorted.slice(0, limit).filter((reading) => reading.timestampMs < nextMs);
  if (before.length > 0) {
    return rawPage(before, nextMs);
  }
  return rawPage(
    sorted.filter((reading) => reading.timestampMs === nextMs),
    nextMs + 1
  );
}

function rawPage(readings: Reading[], nextFromMs: number | undefined): RangePage {
  return { readings: readings.map(toStoredReading), rollups: [], next_from_ms: nextFromMs === undefined ? [] : [BigInt(nextFromMs)] };
}

function byTime(a: Reading, b: Reading): number {
  return a.timestampMs - b.timestampMs || a.batch - b.batch || a.index - b.index;
}
