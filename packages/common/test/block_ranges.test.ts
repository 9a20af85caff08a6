import { describe, expect, it } from 'vitest';

import { blockIndicesToServe } from '../src/icrc3/block_ranges';

const range = (start: bigint, length: bigint) => ({ start, length });

describe('blocks to serve for icrc3_get_blocks', () => {
  it('clips each range to the log and keeps the request order, overlaps included', () => {
    expect(blockIndicesToServe([range(3n, 4n), range(0n, 2n), range(1n, 1n)], 5n, 100)).toEqual([3n, 4n, 0n, 1n, 1n]);
  });

  it('serves nothing of ranges past the end or of length zero', () => {
    expect(blockIndicesToServe([range(5n, 3n), range(2n, 0n), range(99n, 2n ** 64n)], 5n, 100)).toEqual([]);
  });

  it('stops at the limit over all ranges', () => {
    expect(blockIndicesToServe([range(0n, 3n), range(10n, 2n ** 64n)], 1_000n, 5)).toEqual([0n, 1n, 2n, 10n, 11n]);
  });
});
