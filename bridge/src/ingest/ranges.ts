import type { Batch, Reading } from '../protocol/batch.js';
import { Refusal } from './refusal.js';

/**
 * What a monitor can physically report, as wide as telemetry's own bounds (canisters/telemetry/src/ingest/
 * chemistry.ts): cells of any lithium chemistry, the sensors' measuring range, a GNSS fix. A value outside is a
 * broken sensor or a forged reading, never a battery state, so the batch is refused here rather than relayed;
 * plausible-but-alarming values (an overheating cell) pass on to telemetry and the anomaly models.
 */
export const READING_RANGES = {
  cellMv: { min: 0, max: 5_000 },
  currentCa: { min: -200_000, max: 200_000 },
  temperatureDc: { min: -400, max: 1_250 },
  socPermille: { min: 0, max: 1_000 },
  latE7: { min: -900_000_000, max: 900_000_000 },
  lonE7: { min: -1_800_000_000, max: 1_800_000_000 },
} as const;

type RangeName = keyof typeof READING_RANGES;

export interface ClockWindow {
  nowMs: number;
  maxClockSkewMs: number;
  maxReadingAgeMs: number;
}

/** Throws a Refusal (out_of_range or clock_skew) naming the first reading and field at fault. */
export function checkRanges(batch: Batch, clock: ClockWindow): void {
  checkTime('sent_at_ms', batch.sentAtMs, batch.deviceId, clock);
  batch.readings.forEach((reading, index) => checkReading(reading, `readings[${index}]`, batch.deviceId, clock));
}

function checkReading(reading: Reading, at: string, deviceId: string, clock: ClockWindow): void {
  checkTime(`${at}.timestamp_ms`, reading.timestampMs, deviceId, clock);
  reading.cellsMv.forEach((mv, i) => check('cellMv', mv, `${at}.cells_mv[${i}]`, deviceId));
  check('currentCa', reading.currentCa, `${at}.current_ca`, deviceId);
  reading.temperaturesDc.forEach((dc, i) => check('temperatureDc', dc, `${at}.temperatures_dc[${i}]`, deviceId));
  check('socPermille', reading.socPermille, `${at}.soc_permille`, deviceId);
  if (reading.gps) {
    check('latE7', reading.gps.latE7, `${at}.gps.lat_e7`, deviceId);
    check('lonE7', reading.gps.lonE7, `${at}.gps.lon_e7`, deviceId);
  }
}

function check(name: RangeName, value: number, field: string, deviceId: string): void {
  const { min, max } = READING_RANGES[name];
  if (value < min || value > max) throw new Refusal('out_of_range', `${field} = ${value} is outside ${min}..${max}`, deviceId);
}

function checkTime(field: string, ms: number, deviceId: string, clock: ClockWindow): void {
  if (ms > clock.nowMs + clock.maxClockSkewMs) {
    throw new Refusal('clock_skew', `${field} is ${ms - clock.nowMs} ms ahead of the bridge clock (at most ${clock.maxClockSkewMs})`, deviceId);
  }
  if (ms < clock.nowMs - clock.maxReadingAgeMs) {
    throw new Refusal('clock_skew', `${field} is ${clock.nowMs - ms} ms in the past (at most ${clock.maxReadingAgeMs})`, deviceId);
  }
}
