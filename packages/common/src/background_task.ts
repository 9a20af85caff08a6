import { RetrySchedule } from './retry';
import { setTimer } from 'azle';

/**
 * A task run by timers: `kick` runs it soon (once, however often it is kicked before it starts), one run at a
 * time, and a run that reports unfinished work is retried with backoff (`minSeconds` doubling to `maxSeconds`).
 * The work lives in stable memory; timers do not survive an upgrade, so owners kick again after one.
 */
export class BackgroundTask {
  private readonly retry: RetrySchedule;
  private running = false;
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
    if (this.scheduled || this.running) {
      return;
    }
    this.scheduled = true;
    setTimer(0, async () => {
      this.scheduled = false;
      await this.execute();
    });
  }

  private async execute(): Promise<void> {
    if (this.running) {
      return;
    }
    this.running = true;
    let finished = false;
    try {
      finished = await this.run();
    } finally {
      this.running = false;
    }
    if (finished) {
      this.retry.succeeded();
    } else {
      this.retry.failed();
    }
  }
}
