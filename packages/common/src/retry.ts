import { setTimer } from 'azle';

/**
 * Re-runs a task later after it failed, doubling the delay each time up to a cap. At most one retry is pending.
 * The pending timer lives on the heap: timers do not survive an upgrade, so callers re-run the task from
 * @postUpgrade (their state, not the timer, is what is stable).
 */
export class RetrySchedule {
  private delaySeconds: number;
  private pending = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly minSeconds: number,
    private readonly maxSeconds: number
  ) {
    this.delaySeconds = minSeconds;
  }

  /** Runs the task once as soon as possible (a zero-second timer, so it may call other canisters). */
  runSoon(): void {
    setTimer(0, this.task);
  }

  /** Schedules a retry after the current delay, unless one is already pending. */
  failed(): void {
    if (this.pending) {
      return;
    }
    this.pending = true;
    setTimer(this.delaySeconds, async () => {
      this.pending = false;
      await this.task();
    });
    this.delaySeconds = Math.min(this.delaySeconds * 2, this.maxSeconds);
  }

  /** Resets the delay after a success. */
  succeeded(): void {
    this.delaySeconds = this.minSeconds;
  }
}
