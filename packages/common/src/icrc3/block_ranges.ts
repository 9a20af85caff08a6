import { BlockRange } from './icrc3_idl';

/**
 * The block indices to serve for icrc3_get_blocks: each requested range clipped to the log, in request order,
 * at most `limit` in all (a client asks again for the rest).
 */
export function blockIndicesToServe(ranges: readonly BlockRange[], logLength: bigint, limit: number): bigint[] {
  const indices: bigint[] = [];
  for (const { start, length } of ranges) {
    const end = start + length < logLength ? start + length : logLength;
    for (let index = start; index < end && indices.length < limit; index++) {
      indices.push(index);
    }
  }
  return indices;
}
