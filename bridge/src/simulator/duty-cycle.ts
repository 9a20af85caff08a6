/**
 * The current a battery sees over a day of use: discharge under a varying load down to 20 % SoC, a rest, a
 * constant-current charge up to 95 %, a rest, and again. Positive current charges.
 */
export class DutyCycle {
  private phase: 'discharge' | 'rest-empty' | 'charge' | 'rest-full' = 'discharge';
  private phaseEndsS = 0;
  private elapsedS = 0;

  constructor(
    private readonly dischargeA: number,
    private readonly chargeA: number,
  ) {}

  /** The current for the next step, given the pack's SoC as the monitor estimates it. */
  current(soc: number, dtS: number): number {
    this.elapsedS += dtS;
    switch (this.phase) {
      case 'discharge':
        if (soc <= 0.2) return this.enter('rest-empty', 600);
        // A vehicle's load varies: slow swell plus short peaks.
        return -this.dischargeA * (0.7 + 0.3 * Math.sin(this.elapsedS / 90) + (Math.sin(this.elapsedS / 7) > 0.95 ? 0.8 : 0));
      case 'charge':
        return soc >= 0.95 ? this.enter('rest-full', 900) : this.chargeA;
      default:
        if (this.elapsedS >= this.phaseEndsS) this.phase = this.phase === 'rest-empty' ? 'charge' : 'discharge';
        return 0;
    }
  }

  private enter(phase: 'rest-empty' | 'rest-full', seconds: number): number {
    this.phase = phase;
    this.phaseEndsS = this.elapsedS + seconds;
    return 0;
  }
}
