import { TelemetryMetric, TelemetryMetrics } from '@chargex/common';

import { METRIC_NAMES, ReadingMetrics } from '../storage/reading';

/** The stored parts of an accumulator, one array entry per metric in METRIC_NAMES order. */
export interface AccumulatorParts {
  count: number;
  firstMs: number;
  lastMs: number;
  min: number[];
  max: number[];
  sum: number[];
  last: number[];
}

/**
 * Count, minimum, maximum, sum and latest value of each metric over a set of readings: what a rollup bucket
 * stores, what statistics combine and what `ai` receives. Two accumulators merge exactly (sums, not means).
 */
export class MetricsAccumulator {
  count = 0;
  /** Device timestamp of the reading `last` comes from (-Infinity while empty). */
  lastMs = Number.NEGATIVE_INFINITY;
  firstMs = Number.POSITIVE_INFINITY;
  readonly min: number[] = METRIC_NAMES.map(() => Number.POSITIVE_INFINITY);
  readonly max: number[] = METRIC_NAMES.map(() => Number.NEGATIVE_INFINITY);
  readonly sum: number[] = METRIC_NAMES.map(() => 0);
  readonly last: number[] = METRIC_NAMES.map(() => 0);

  /** Adds one reading's metrics, taken at `timestampMs`. */
  add(metrics: ReadingMetrics, timestampMs: number): void {
    const values = METRIC_NAMES.map((name) => metrics[name]);
    this.combine(1, timestampMs, timestampMs, values, values, values, values);
  }

  /** Adds everything `other` accumulated. */
  merge(other: MetricsAccumulator): void {
    this.combine(other.count, other.firstMs, other.lastMs, other.min, other.max, other.sum, other.last);
  }

  /** The summary in the shared candid shape (the accumulator must not be empty). */
  toMetrics(): TelemetryMetrics {
    const metric = (i: number): TelemetryMetric => ({
      min: BigInt(this.min[i]),
      max: BigInt(this.max[i]),
      mean: this.sum[i] / this.count,
      last: BigInt(this.last[i])
    });
    return {
      pack_voltage_mv: metric(0),
      cell_min_mv: metric(1),
      cell_max_mv: metric(2),
      current_ca: metric(3),
      temperature_max_dc: metric(4),
      soc_permille: metric(5)
    };
  }

  /** Restores an accumulator from stored parts (see rollup_codec.ts). */
  static from(parts: AccumulatorParts): MetricsAccumulator {
    const restored = new MetricsAccumulator();
    restored.combine(parts.count, parts.firstMs, parts.lastMs, parts.min, parts.max, parts.sum, parts.last);
    return restored;
  }

  private combine(count: number, firstMs: number, lastMs: number, min: number[], max: number[], sum: number[], last: number[]): void {
    if (count === 0) {
      return;
    }
    const newer = lastMs >= this.lastMs;
    for (let i = 0; i < METRIC_NAMES.length; i++) {
      this.min[i] = Math.min(this.min[i], min[i]);
      this.max[i] = Math.max(this.max[i], max[i]);
      this.sum[i] = this.sum[i] + sum[i];
      if (newer) {
        this.last[i] = last[i];
      }
    }
    this.count += count;
    this.firstMs = Math.min(this.firstMs, firstMs);
    this.lastMs = Math.max(this.lastMs, lastMs);
  }
}
