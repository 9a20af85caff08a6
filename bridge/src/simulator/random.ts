/** A seeded pseudo-random source (mulberry32), so a simulated fleet is the same run after run. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Uniform in [-width, width]. */
  spread(width: number): number {
    return (this.next() * 2 - 1) * width;
  }

  /** Roughly normal noise with standard deviation `sigma` (sum of uniforms). */
  noise(sigma: number): number {
    return (this.next() + this.next() + this.next() - 1.5) * 2 * sigma;
  }

  /** 32 random bytes (a device key seed). */
  bytes32(): Uint8Array {
    return Uint8Array.from({ length: 32 }, () => Math.floor(this.next() * 256));
  }
}
