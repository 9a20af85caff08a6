import { setTimer, time } from 'azle';

import { RetrySchedule } from './retry';

/**
 * How long a run may seem under way before it is taken as lost. A run that traps after an await is rolled back
 * to that await, which leaves the flag saying it runs; without this the task would never run again.
 */
const LOST_RUN_NS = 15n * 60n * 1_000_000_000n;

/**
 * A task run by timers: `kick` runs it soon (once, however often it is kicked before it starts), one run at a
 * time, and a run that reports unfinished work is retried with backoff (`minSeconds` doubling to `maxSeconds`).
 * The work lives in stable memory; timers do not survive an upgrade, so owners kick again after one.
 */
export class BackgroundTask {
  private readonly retry: RetrySchedule;
  /** When the run under way started (IC time, ns), if one is. */
  private runningSince: bigint | undefined;
  private scheduled = false;

  /** `run` returns whether it finished its work (false: try again after the backoff). */
  constructor(
    private readonly run: () => Promise<boolean>,
    minSeconds: number,
    maxSeconds: number
  ) {
    this.retry = new RetrySchedule(() => this.execute(), minSeconds, maxSeconds);
  }

  /** Runs the task as soon as possible, unless a run is already due or under way. */
  kick(): void {
    if (this.scheduled || this.isRunning()) {
      return;
    }
    this.scheduled = true;
    setTimer(0, async () => {
      this.scheduled = false;
      await this.execute();
    });
  }

  private async execute(): Promise<void> {
    if (this.isRunning()) {
      return;
    }
    this.runningSince = time();
    let finished = false;
    try {
      finished = await this.run();
    } finally {
      this.runningSince = undefined;
    }
    if (finished) {
      this.retry.succeeded();
    } else {
      this.retry.failed();
    }
  }

  private isRunning(): boolean {
    return this.runningSince !== undefined && time() - this.runningSince < LOST_RUN_NS;
  }
}
