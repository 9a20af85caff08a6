import { setTimer, clearTimer, time } from 'azle';

import { LeaseStore } from './lease_store';

/**
 * The one timer that drives every lease: armed for the earliest scheduled lease event, it processes the leases
 * that are due (a batch at a time) and re-arms itself. Timers are lost on upgrade, so `rearm` is called from
 * @init and @postUpgrade, and after any change that may bring the earliest event forward.
 */
export class LeaseClock {
  private timer: bigint | undefined;
  private armedFor: bigint | undefined;
  private running = false;

  constructor(
    private readonly store: LeaseStore,
    private readonly process: (leaseId: bigint) => Promise<void>
  ) {}

  /** Arms the timer for the earliest scheduled event, unless it already fires by then. */
  rearm(): void {
    const next = this.store.nextEventAt();
    if (next === undefined || (this.armedFor !== undefined && this.armedFor <= next)) {
      return;
    }
    if (this.timer !== undefined) {
      clearTimer(this.timer);
    }
    const now = time();
    const seconds = next <= now ? 0 : Number((next - now + 999_999_999n) / 1_000_000_000n);
    this.armedFor = next;
    this.timer = setTimer(seconds, () => this.run());
  }

  private async run(): Promise<void> {
    this.armedFor = undefined;
    this.timer = undefined;
    if (this.running) {
      return;
    }
    this.running = true;
    try {
      for (const leaseId of this.store.due(time())) {
        await this.process(leaseId);
      }
    } finally {
      this.running = false;
      this.rearm();
    }
  }
}
