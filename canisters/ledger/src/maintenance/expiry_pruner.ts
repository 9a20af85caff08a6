import { clearTimer, setTimer, time } from 'azle';

/** Stored entries that become useless at known times and can be dropped from the front of a time-ordered index. */
export interface ExpiringEntries {
  /** When the earliest entry can be dropped, if there is any. */
  nextDueAt(): bigint | undefined;
  /** Drops up to `limit` entries that are due at `now`; returns how many. */
  pruneDue(now: bigint, limit: number): number;
}

const NS_PER_SECOND = 1_000_000_000n;

/** Runs are at least this far apart, so a steady stream of transactions costs one pruning run a minute. */
const MIN_INTERVAL_NS = 60n * NS_PER_SECOND;

/** A run after a full batch comes this soon, so a backlog drains without one run doing unbounded work. */
const BACKLOG_INTERVAL_NS = NS_PER_SECOND;

/** Most entries one run drops from each index. */
const BATCH = 500;

/**
 * Drops expired deduplication entries and expired approvals with a one-shot timer armed for the earliest due
 * entry. Nothing runs while nothing is due, and nothing is ever scanned: each run reads the fronts of the indexes.
 * The timer lives in the heap, which an upgrade resets: call `start` from @init and @postUpgrade.
 */
export class ExpiryPruner {
  private timerId: bigint | undefined;
  private firesAt: bigint | undefined;

  constructor(private readonly sources: readonly ExpiringEntries[]) {}

  /** Arms the timer for what is already stored. */
  start(): void {
    this.armFor(this.nextDueAt(), time(), MIN_INTERVAL_NS);
  }

  /** Something that becomes due at `at` was stored. */
  notice(at: bigint): void {
    this.armFor(at, time(), MIN_INTERVAL_NS);
  }

  private run(): void {
    this.timerId = undefined;
    this.firesAt = undefined;
    const now = time();
    const backlog = this.sources.map((source) => source.pruneDue(now, BATCH)).some((pruned) => pruned === BATCH);
    this.armFor(backlog ? now : this.nextDueAt(), now, backlog ? BACKLOG_INTERVAL_NS : MIN_INTERVAL_NS);
  }

  private armFor(dueAt: bigint | undefined, now: bigint, minDelay: bigint): void {
    if (dueAt === undefined) {
      return;
    }
    const fireAt = dueAt > now + minDelay ? dueAt : now + minDelay;
    if (this.firesAt !== undefined && this.firesAt <= fireAt) {
      return;
    }
    if (this.timerId !== undefined) {
      clearTimer(this.timerId);
    }
    const delaySeconds = Number((fireAt - now + NS_PER_SECOND - 1n) / NS_PER_SECOND);
    this.firesAt = fireAt;
    this.timerId = setTimer(delaySeconds, () => this.run());
  }

  private nextDueAt(): bigint | undefined {
    return this.sources
      .map((source) => source.nextDueAt())
      .reduce<bigint | undefined>((earliest, at) => (at !== undefined && (earliest === undefined || at < earliest) ? at : earliest), undefined);
  }
}
