/**
 * Open-circuit voltage against state of charge, per chemistry: piecewise-linear through typical measured points
 * (LiFePO4's long flat plateau, NMC's steady slope). Enough shape for a monitor's readings to look like a real
 * cell's; not a fit to one datasheet.
 */
export type Chemistry = 'LiFePO4' | 'NMC';

const CURVES: Record<Chemistry, Array<[soc: number, volts: number]>> = {
  LiFePO4: [
    [0, 2.5], [0.05, 3.0], [0.1, 3.2], [0.2, 3.25], [0.3, 3.275], [0.4, 3.29], [0.5, 3.3],
    [0.6, 3.31], [0.7, 3.32], [0.8, 3.33], [0.9, 3.35], [0.95, 3.4], [1, 3.6],
  ],
  NMC: [
    [0, 3.0], [0.05, 3.3], [0.1, 3.45], [0.2, 3.55], [0.3, 3.62], [0.4, 3.68], [0.5, 3.75],
    [0.6, 3.82], [0.7, 3.9], [0.8, 3.98], [0.9, 4.08], [1, 4.2],
  ],
};

/** OCV in volts at `soc` (0..1, clamped). */
export function openCircuitVoltage(chemistry: Chemistry, soc: number): number {
  const curve = CURVES[chemistry];
  const x = Math.min(1, Math.max(0, soc));
  for (let i = 1; i < curve.length; i++) {
    const [s1, v1] = curve[i]!;
    if (x <= s1) {
      const [s0, v0] = curve[i - 1]!;
      return v0 + ((v1 - v0) * (x - s0)) / (s1 - s0);
    }
  }
  return curve.at(-1)![1];
}

/** The SoC whose OCV is `volts` (what a monitor estimates from a rested cell). */
export function socFromVoltage(chemistry: Chemistry, volts: number): number {
  const curve = CURVES[chemistry];
  if (volts <= curve[0]![1]) return 0;
  for (let i = 1; i < curve.length; i++) {
    const [s1, v1] = curve[i]!;
    if (volts <= v1) {
      const [s0, v0] = curve[i - 1]!;
      return s0 + ((s1 - s0) * (volts - v0)) / (v1 - v0);
    }
  }
  return 1;
}
