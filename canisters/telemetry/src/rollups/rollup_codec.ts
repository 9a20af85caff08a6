import { METRIC_NAMES } from '../storage/reading';
import { ByteReader, ByteWriter } from '../storage/varint';
import { MetricsAccumulator } from './accumulator';

/**
 * A rollup bucket packed as varints: count, first and last reading time as offsets from the bucket start, then
 * per metric its minimum, the spread to its maximum, its sum and its latest value. About 50 bytes a bucket.
 */
export function encodeBucket(bucket: MetricsAccumulator, bucketStartMs: number): Uint8Array {
  const out = new ByteWriter(64);
  out.unsigned(bucket.count);
  out.unsigned(bucket.firstMs - bucketStartMs);
  out.unsigned(bucket.lastMs - bucketStartMs);
  for (let i = 0; i < METRIC_NAMES.length; i++) {
    out.signed(bucket.min[i]);
    out.unsigned(bucket.max[i] - bucket.min[i]);
    out.signed(bucket.sum[i]);
    out.signed(bucket.last[i]);
  }
  return out.view().slice();
}

/** The bucket packed by encodeBucket. */
export function decodeBucket(bytes: Uint8Array, bucketStartMs: number): MetricsAccumulator {
  const input = new ByteReader(bytes);
  const count = input.unsigned();
  const firstMs = bucketStartMs + input.unsigned();
  const lastMs = bucketStartMs + input.unsigned();
  const min: number[] = [];
  const max: number[] = [];
  const sum: number[] = [];
  const last: number[] = [];
  for (let i = 0; i < METRIC_NAMES.length; i++) {
    min.push(input.signed());
    max.push(min[i] + input.unsigned());
    sum.push(input.signed());
    last.push(input.signed());
  }
  return MetricsAccumulator.from({ count, firstMs, lastMs, min, max, sum, last });
}
