import type { TelemetryService } from '@chargex/client';

type DeviceBatch = Parameters<TelemetryService['ingest']>[0][number];
type ReadingInput = DeviceBatch['readings'][number];

const CELLS = 16;

export interface SimulatedPack {
  deviceId: string;
  /** Where the pack is; readings drift a few metres around it. */
  latitude: number;
  longitude: number;
  /** The next batch sequence number (monitors count up from 1). */
  sequence: bigint;
}

/**
 * Readings a LiFePO4 pack's monitor would send while discharging: `count` readings `intervalMs` apart ending now,
 * state of charge falling from `startSoc`, 16 cells near 3.3 V, 25 °C, GPS around its position; `hotCelsius`
 * makes the last reading report that temperature (an injected fault). One batch per call, as a monitor sends it.
 */
export function simulatedBatch(pack: SimulatedPack, options: { count: number; intervalMs: number; startSoc: number; hotCelsius?: number }): DeviceBatch {
  const now = Date.now();
  const readings: ReadingInput[] = [];
  for (let i = 0; i < options.count; i++) {
    const soc = Math.max(0, options.startSoc - i * 0.5);
    const hot = options.hotCelsius !== undefined && i === options.count - 1;
    readings.push({
      timestamp_ms: BigInt(now - (options.count - 1 - i) * options.intervalMs),
      soc_percent: soc,
      cell_voltages_v: Array.from({ length: CELLS }, (_, cell) => 3.2 + soc / 1000 + cell * 0.001),
      pack_current_a: -12.5,
      temperatures_c: [hot ? options.hotCelsius! : 25 + i * 0.05, 24.5],
      gps: [{ latitude: pack.latitude + i * 0.00001, longitude: pack.longitude + i * 0.00001 }],
    });
  }
  const batch: DeviceBatch = { device_id: pack.deviceId, sequence: pack.sequence, timestamp_ms: BigInt(now), readings };
  pack.sequence += 1n;
  return batch;
}
