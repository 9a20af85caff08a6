import { describe, expect, it } from 'vitest';

import { planApply } from '../src/roles/apply_plan';

const changes = (...seqs: number[]) => seqs.map((seq) => ({ seq: BigInt(seq) }));
const seqsOf = (items: Array<{ seq: bigint }>) => items.map((item) => Number(item.seq));

describe('planApply', () => {
  it('applies a contiguous run that follows the last applied sequence', () => {
    const plan = planApply(4n, changes(5, 6, 7));
    expect(seqsOf(plan.apply)).toEqual([5, 6, 7]);
    expect(plan.duplicates).toBe(0);
    expect(plan.gap).toBeUndefined();
  });

  it('sorts out-of-order input before applying', () => {
    expect(seqsOf(planApply(0n, changes(3, 1, 2)).apply)).toEqual([1, 2, 3]);
  });

  it('skips changes already applied, including repeats inside the batch', () => {
    const plan = planApply(5n, changes(4, 5, 6, 6, 7));
    expect(seqsOf(plan.apply)).toEqual([6, 7]);
    expect(plan.duplicates).toBe(3);
  });

  it('stops at a hole and reports what it expected and what it got', () => {
    const plan = planApply(2n, changes(3, 4, 6, 7));
    expect(seqsOf(plan.apply)).toEqual([3, 4]);
    expect(plan.gap).toEqual({ expected: 5n, received: 6n });
  });

  it('reports a gap when nothing continues the sequence', () => {
    const plan = planApply(0n, changes(2));
    expect(plan.apply).toEqual([]);
    expect(plan.gap).toEqual({ expected: 1n, received: 2n });
  });

  it('does nothing for an empty batch', () => {
    expect(planApply(9n, [])).toEqual({ apply: [], duplicates: 0, gap: undefined });
  });
});
