import { ReadingMetrics } from '../storage/reading';
import { MetricsAccumulator } from './accumulator';
import { RollupResolution, RollupStore } from './rollup_store';

/**
 * Collects the readings of one ingest call per battery and bucket, then merges each touched bucket into its
 * store once: a bucket costs one read and one write per call, not per reading.
 */
export class RollupWriter {
  private readonly pending = new Map<RollupResolution, Map<string, { bucket: number; battery: number; delta: MetricsAccumulator }>>();

  constructor(private readonly stores: Record<RollupResolution, RollupStore>) {}

  /** Counts one reading of `battery` in its minute, hour and day. */
  add(battery: number, timestampMs: number, metrics: ReadingMetrics): void {
    for (const store of Object.values(this.stores)) {
      const bucket = store.bucketOf(timestampMs);
      const perResolution = this.pending.get(store.resolution) ?? new Map();
      this.pending.set(store.resolution, perResolution);
      const slot = `${bucket}:${battery}`;
      const entry = perResolution.get(slot) ?? { bucket, battery, delta: new MetricsAccumulator() };
      perResolution.set(slot, entry);
      entry.delta.add(metrics, timestampMs);
    }
  }

  /** Merges everything collected into the stores; returns the number of buckets written. */
  flush(): number {
    let written = 0;
    for (const [resolution, entries] of this.pending) {
      for (const { bucket, battery, delta } of entries.values()) {
        this.stores[resolution].mergeInto(bucket, battery, delta);
        written++;
      }
    }
    this.pending.clear();
    return written;
  }
}
