import { describe, expect, it } from 'vitest';

import { mapConcurrently } from '../build/pool.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapConcurrently', () => {
  it('never runs more than `limit` workers at once, and keeps the input order in its results', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapConcurrently([30, 5, 20, 5, 10, 5], 2, async (ms, index) => {
      running += 1;
      peak = Math.max(peak, running);
      await sleep(ms);
      running -= 1;
      return index;
    });
    expect(peak).toBe(2);
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('starts the next item as soon as any slot frees up, not in waves', async () => {
    const started: string[] = [];
    await mapConcurrently(['slow', 'fast1', 'fast2', 'fast3'], 2, async (name) => {
      started.push(name);
      await sleep(name === 'slow' ? 60 : 5);
    });
    // With waves, fast2 and fast3 would wait for slow; here they run while slow is still going.
    expect(started).toEqual(['slow', 'fast1', 'fast2', 'fast3']);
  });

  it('uses at most as many lanes as items, and handles no items', async () => {
    expect(await mapConcurrently([1], 8, async (value) => value * 2)).toEqual([2]);
    expect(await mapConcurrently([], 2, async () => 1)).toEqual([]);
  });

  it('rejects a limit that is not a positive integer', async () => {
    await expect(mapConcurrently([1], 0, async (value) => value)).rejects.toThrow(/positive integer/);
  });

  it('rejects with the first worker error', async () => {
    await expect(
      mapConcurrently([1, 2, 3], 2, async (value) => {
        if (value === 2) throw new Error('boom');
        return value;
      }),
    ).rejects.toThrow('boom');
  });
});
