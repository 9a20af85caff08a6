/** A gap: the replica expected `expected` but the earliest unseen change it got was `received`. */
export interface SequenceGap {
  expected: bigint;
  received: bigint;
}

/** Which incoming changes to apply, in order, and what was wrong with the rest. */
export interface ApplyPlan<C> {
  apply: C[];
  duplicates: number;
  gap: SequenceGap | undefined;
}

/**
 * Decides which of `changes` a replica that has applied everything up to `lastSeq` can apply now: the run that
 * continues its sequence without a hole. Input order does not matter (a retried push may overlap a newer one);
 * changes already applied are counted as duplicates; anything after a hole waits for a pull.
 */
export function planApply<C extends { seq: bigint }>(lastSeq: bigint, changes: readonly C[]): ApplyPlan<C> {
  const sorted = [...changes].sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
  const apply: C[] = [];
  let duplicates = 0;
  let next = lastSeq + 1n;
  for (const change of sorted) {
    if (change.seq < next) {
      duplicates++;
    } else if (change.seq === next) {
      apply.push(change);
      next++;
    } else {
      return { apply, duplicates, gap: { expected: next, received: change.seq } };
    }
  }
  return { apply, duplicates, gap: undefined };
}
