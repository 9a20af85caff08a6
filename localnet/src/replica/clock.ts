/** The replica's notion of "now", in nanoseconds since the epoch. */
export interface Clock {
  nowNs(): bigint;
}

/** Wall-clock time; strictly increasing so that two blocks never share a timestamp. */
export class RealClock implements Clock {
  private last = 0n;

  nowNs(): bigint {
    const wall = BigInt(Date.now()) * 1_000_000n;
    this.last = wall > this.last ? wall : this.last + 1n;
    return this.last;
  }
}

/** Time that moves only when a test says so. */
export class ManualClock implements Clock {
  constructor(private current: bigint) {}

  nowNs(): bigint {
    return this.current;
  }

  set(ns: bigint): void {
    if (ns < this.current) throw new Error('time cannot go backwards');
    this.current = ns;
  }

  advance(ms: number): void {
    this.current += BigInt(Math.round(ms * 1_000_000));
  }
}
