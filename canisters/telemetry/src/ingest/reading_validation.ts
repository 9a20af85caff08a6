import { Chemistry } from '../api/device';
import { ReadingError } from '../api/ingest';
import { ReadingInput } from '../api/reading';
import { GpsFix } from '../storage/reading';
import { cellVoltageBounds, MAX_CURRENT_A, TEMPERATURE_BOUNDS_C } from './chemistry';
import { MAX_CELLS, MAX_TEMPERATURES } from './limits';

/** The device timestamps accepted at ingest time, in ms since the epoch (inclusive). */
export interface TimestampBounds {
  earliestMs: number;
  latestMs: number;
}

/** A reading's values once checked, in stored fixed-point units (batch and index are added by the caller). */
export interface CheckedReading {
  timestampMs: number;
  cellsMv: number[];
  currentCa: number;
  temperaturesDc: number[];
  socPermille: number;
  gps: GpsFix | undefined;
}

/** Checks one reading and converts it to fixed-point units, or says what is wrong with it (the first problem). */
export function checkReading(
  input: ReadingInput,
  chemistry: Chemistry,
  bounds: TimestampBounds
): { ok: CheckedReading } | { error: ReadingError } {
  const timestampMs = Number(input.timestamp_ms);
  if (timestampMs < bounds.earliestMs || timestampMs > bounds.latestMs) {
    return { error: { TimestampOutOfWindow: timestampWindow(input.timestamp_ms, bounds) } };
  }
  const volts = cellVoltageBounds(chemistry);
  const error =
    seriesProblem('cell_voltages_v', input.cell_voltages_v, MAX_CELLS, volts.min, volts.max) ??
    valueProblem('pack_current_a', input.pack_current_a, -MAX_CURRENT_A, MAX_CURRENT_A) ??
    seriesProblem('temperatures_c', input.temperatures_c, MAX_TEMPERATURES, TEMPERATURE_BOUNDS_C.min, TEMPERATURE_BOUNDS_C.max) ??
    valueProblem('soc_percent', input.soc_percent, 0, 100) ??
    gpsProblem(input);
  if (error !== undefined) {
    return { error };
  }
  const gps = input.gps[0];
  return {
    ok: {
      timestampMs,
      cellsMv: Array.from(input.cell_voltages_v, (v) => Math.round(v * 1000)),
      currentCa: Math.round(input.pack_current_a * 100),
      temperaturesDc: Array.from(input.temperatures_c, (c) => Math.round(c * 10)),
      socPermille: Math.round(input.soc_percent * 10),
      gps: gps === undefined ? undefined : { latE7: Math.round(gps.latitude * 1e7), lonE7: Math.round(gps.longitude * 1e7) }
    }
  };
}

/** The window a timestamp missed, as the error reports it. */
export function timestampWindow(timestampMs: bigint, bounds: TimestampBounds) {
  return { timestamp_ms: timestampMs, earliest_ms: BigInt(bounds.earliestMs), latest_ms: BigInt(bounds.latestMs) };
}

function valueProblem(field: string, value: number, min: number, max: number): ReadingError | undefined {
  if (!Number.isFinite(value)) {
    return { NotFinite: { field } };
  }
  return value < min || value > max ? { OutOfRange: { field, value, min, max } } : undefined;
}

function seriesProblem(field: string, values: ArrayLike<number>, maxCount: number, min: number, max: number): ReadingError | undefined {
  if (values.length < 1 || values.length > maxCount) {
    return { BadShape: { field, reason: `must hold 1 to ${maxCount} values, has ${values.length}` } };
  }
  for (let i = 0; i < values.length; i++) {
    const problem = valueProblem(`${field}[${i}]`, values[i] as number, min, max);
    if (problem !== undefined) {
      return problem;
    }
  }
  return undefined;
}

function gpsProblem(input: ReadingInput): ReadingError | undefined {
  const gps = input.gps[0];
  if (gps === undefined) {
    return undefined;
  }
  return valueProblem('gps.latitude', gps.latitude, -90, 90) ?? valueProblem('gps.longitude', gps.longitude, -180, 180);
}
