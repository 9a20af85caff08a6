import { OrderedKey, rawCodec } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { TELEMETRY_MEMORY } from '../memory';
import { MetricsAccumulator } from './accumulator';
import { decodeBucket, encodeBucket } from './rollup_codec';

/** The rollup resolutions and their bucket lengths. */
export const ROLLUP_RESOLUTIONS = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000
} as const;

export type RollupResolution = keyof typeof ROLLUP_RESOLUTIONS;

const MEMORY: Record<RollupResolution, number> = {
  minute: TELEMETRY_MEMORY.minuteRollups,
  hour: TELEMETRY_MEMORY.hourRollups,
  day: TELEMETRY_MEMORY.dayRollups
};

/** A bucket's key: bucket number (time / bucket length) first, so retention drops from the front of the map. */
export type BucketKey = [bucket: number, battery: number];

/** The rollup buckets of one resolution: one map entry per battery and bucket. */
export class RollupStore {
  readonly bucketMs: number;
  private readonly buckets: StableBTreeMap<BucketKey, Uint8Array>;

  constructor(readonly resolution: RollupResolution) {
    this.bucketMs = ROLLUP_RESOLUTIONS[resolution];
    this.buckets = new StableBTreeMap(MEMORY[resolution], OrderedKey.tuple(OrderedKey.u32, OrderedKey.u32), rawCodec);
  }

  /** The bucket number holding a timestamp. */
  bucketOf(timestampMs: number): number {
    return Math.floor(timestampMs / this.bucketMs);
  }

  /** The oldest bucket any battery has (keys are ordered by bucket first), where a range scan can start. */
  firstBucket(): number | undefined {
    const [first] = this.buckets.keys(0, 1);
    return first?.[0];
  }

  /** A battery's bucket, if it has readings. */
  get(bucket: number, battery: number): MetricsAccumulator | undefined {
    const bytes = this.buckets.get([bucket, battery]);
    return bytes === undefined ? undefined : decodeBucket(bytes, bucket * this.bucketMs);
  }

  /** Adds `delta` into a battery's bucket. */
  mergeInto(bucket: number, battery: number, delta: MetricsAccumulator): void {
    const merged = this.get(bucket, battery) ?? new MetricsAccumulator();
    merged.merge(delta);
    this.buckets.insert([bucket, battery], encodeBucket(merged, bucket * this.bucketMs));
  }

  /** Removes up to `budget` buckets older than `cutoffBucket`, oldest first. */
  removeBefore(cutoffBucket: number, budget: number): { removed: number; more: boolean } {
    let removed = 0;
    for (;;) {
      const [oldest] = this.buckets.keys(0, 1);
      if (oldest === undefined || oldest[0] >= cutoffBucket) {
        return { removed, more: false };
      }
      if (removed === budget) {
        return { removed, more: true };
      }
      this.buckets.remove(oldest);
      removed++;
    }
  }

  /** Number of stored buckets. */
  count(): number {
    return this.buckets.len();
  }
}

/** The three rollup stores, by resolution. */
export function openRollupStores(): Record<RollupResolution, RollupStore> {
  return { minute: new RollupStore('minute'), hour: new RollupStore('hour'), day: new RollupStore('day') };
}
