/** Readings of an LiFePO4 pack for the ai tests, in telemetry's input units (volts, amperes, degrees, percent). */
import type { ReadingInput } from '../../../packages/client/src/declarations/telemetry/telemetry.did.js';

/** What one reading shows; every field has a healthy default. */
export interface PackShape {
  cells: number;
  /** Mean cell voltage and the spread between the highest and the lowest cell, millivolts. */
  cellMv: number;
  spreadMv: number;
  currentA: number;
  temperatureC: number;
  socPercent: number;
  /** A temperature probe that reports exactly the same value every time (a stuck sensor). */
  frozenTemperature?: boolean;
  gps?: { latitude: number; longitude: number };
}

const HEALTHY: PackShape = { cells: 16, cellMv: 3_300, spreadMv: 12, currentA: -20, temperatureC: 25, socPercent: 60 };

/** A small deterministic wobble, so no sensor holds perfectly still (which would look stuck). */
function wobble(i: number, amplitude: number): number {
  return amplitude * Math.sin(i * 1.7 + 0.3);
}

/** One reading at `atMs`; cells spread evenly around the mean, the second probe a degree cooler. */
export function packReading(atMs: number, shape: Partial<PackShape> = {}, index = 0): ReadingInput {
  const s = { ...HEALTHY, ...shape };
  const cells = Array.from({ length: s.cells }, (_, cell) => (s.cellMv - s.spreadMv / 2 + (s.spreadMv * cell) / Math.max(1, s.cells - 1) + wobble(index + cell, 1)) / 1_000);
  return {
    timestamp_ms: BigInt(atMs),
    cell_voltages_v: cells,
    pack_current_a: s.currentA + wobble(index, 0.3),
    temperatures_c: s.frozenTemperature ? [s.temperatureC, s.temperatureC - 1] : [s.temperatureC + wobble(index, 0.15), s.temperatureC - 1 + wobble(index + 5, 0.15)],
    soc_percent: s.socPercent,
    gps: s.gps === undefined ? [] : [s.gps]
  };
}

/** `count` readings every `intervalMs` from `fromMs`; `shape(i)` may vary them. */
export function packSeries(fromMs: number, count: number, intervalMs: number, shape: (i: number) => Partial<PackShape> = () => ({})): ReadingInput[] {
  return Array.from({ length: count }, (_, i) => packReading(fromMs + i * intervalMs, shape(i), i));
}
