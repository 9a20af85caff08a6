import { setTimer, setTimerInterval, time } from 'azle';

import { BatchLog } from '../ingest/batch_log';
import { PolicyStore } from '../policy/policy';
import { RollupResolution, RollupStore } from '../rollups/rollup_store';
import { Counters } from '../status/counters';
import { ChunkStore, WINDOW_MS } from '../storage/chunk_store';

/** How often retention runs. Timers are lost on upgrade: `start` is called from @init and @postUpgrade. */
export const SWEEP_INTERVAL_S = 3_600;
/** Most entries one run removes from each store (about 2M instructions each); a run that stops short continues at once. */
const REMOVALS_PER_STORE = 300;
const DAY_MS = 86_400_000;

/**
 * Drops what the policy no longer keeps: raw chunks of windows older than the raw retention, batch records
 * (and with them deduplication) ingested before it, and rollup buckets past their own retention. Every store is
 * ordered oldest first, so a run reads and removes from the front of each map.
 */
export class RetentionSweep {
  constructor(
    private readonly chunks: ChunkStore,
    private readonly rollups: Record<RollupResolution, RollupStore>,
    private readonly batches: BatchLog,
    private readonly policy: PolicyStore,
    private readonly counters: Counters
  ) {}

  /** Arms the periodic sweep. */
  start(): void {
    setTimerInterval(SWEEP_INTERVAL_S, () => this.run());
  }

  /** One bounded pass; schedules the next pass right away if this one had to stop short. */
  run(): void {
    const policy = this.policy.get();
    const nowMs = Number(time() / 1_000_000n);
    const rawCutoffMs = nowMs - policy.raw_retention_days * DAY_MS;
    const chunks = this.chunks.removeBefore(Math.floor(rawCutoffMs / WINDOW_MS), REMOVALS_PER_STORE);
    const batches = this.batches.removeBefore(BigInt(rawCutoffMs) * 1_000_000n, REMOVALS_PER_STORE);
    const rollupDays: Record<RollupResolution, number> = {
      minute: policy.minute_retention_days,
      hour: policy.hour_retention_days,
      day: policy.day_retention_days
    };
    let rollupsRemoved = 0;
    let more = chunks.more || batches.more;
    for (const store of Object.values(this.rollups)) {
      const removed = store.removeBefore(store.bucketOf(nowMs - rollupDays[store.resolution] * DAY_MS), REMOVALS_PER_STORE);
      rollupsRemoved += removed.removed;
      more ||= removed.more;
    }
    this.counters.apply({
      retention_sweeps: 1,
      chunks_dropped: chunks.removed,
      chunk_bytes: -chunks.bytes,
      batches_forgotten: batches.removed,
      rollups_dropped: rollupsRemoved
    });
    if (more) {
      setTimer(0, () => this.run());
    }
  }
}
