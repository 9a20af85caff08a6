/** Lets a loop sleep until another part of the bridge has work for it, or a timeout passes. */
export class WakeSignal {
  private waiter: (() => void) | undefined;
  private pending = false;

  /** Wakes the sleeper now, or makes its next sleep return at once. */
  wake(): void {
    if (this.waiter) this.waiter();
    else this.pending = true;
  }

  /** Resolves on wake() or after `timeoutMs`, whichever comes first. */
  sleep(timeoutMs: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiter = done;
    });
  }
}
