import { setTimer, time } from 'azle';

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

/** How late an entry may be dropped rather than arming one more timer for it. */
const SLACK_NS = 60n * NS_PER_SECOND;

/** A run after a full batch comes this soon, so a backlog drains without one run doing unbounded work. */
const BACKLOG_INTERVAL_NS = NS_PER_SECOND;

/** Most entries one run drops from each index. */
const BATCH = 500;

/**
 * Drops expired deduplication entries and expired approvals with one-shot timers armed for the earliest due
 * entry. Nothing runs while nothing is due, and nothing is ever scanned: each run reads the fronts of the indexes.
 * Timers are never cleared (Azle 0.33's clearTimer traps with "already borrowed" when called from an update):
 * an earlier entry arms one more timer, unless one already fires at most SLACK later, so decreasing
 * created_at_time values arm at most one timer per SLACK. Timers live in the heap, which an upgrade resets: call
 * `start` from @init and @postUpgrade.
 */
export class ExpiryPruner {
  /** When the armed timers fire. */
  private readonly armed: bigint[] = [];

  constructor(private readonly sources: readonly ExpiringEntries[]) {}

  /** Arms a timer for what is already stored. */
  start(): void {
    this.armFor(this.nextDueAt(), time(), MIN_INTERVAL_NS);
  }

  /** Something that becomes due at `at` was stored. */
  notice(at: bigint): void {
    this.armFor(at, time(), MIN_INTERVAL_NS);
  }

  private run(firedAt: bigint): void {
    this.armed.splice(this.armed.indexOf(firedAt), 1);
    const now = time();
    const backlog = this.sources.map((source) => source.pruneDue(now, BATCH)).some((pruned) => pruned === BATCH);
    this.armFor(backlog ? now : this.nextDueAt(), now, backlog ? BACKLOG_INTERVAL_NS : MIN_INTERVAL_NS);
  }

  private armFor(dueAt: bigint | undefined, now: bigint, minDelay: bigint): void {
    if (dueAt === undefined) {
      return;
    }
    const fireAt = dueAt > now + minDelay ? dueAt : now + minDelay;
    if (this.armed.some((at) => at <= fireAt + SLACK_NS)) {
      return;
    }
    const delaySeconds = Number((fireAt - now + NS_PER_SECOND - 1n) / NS_PER_SECOND);
    this.armed.push(fireAt);
    setTimer(delaySeconds, () => this.run(fireAt));
  }

  private nextDueAt(): bigint | undefined {
    return this.sources
      .map((source) => source.nextDueAt())
      .reduce<bigint | undefined>((earliest, at) => (at !== undefined && (earliest === undefined || at < earliest) ? at : earliest), undefined);
  }
}
