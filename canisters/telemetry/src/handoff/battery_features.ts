import { TelemetryFeatures } from '@chargex/common';

import { MetricsAccumulator } from '../rollups/accumulator';
import { GpsFix, ReadingMetrics } from '../storage/reading';

interface BatteryEntry {
  tokenId: bigint;
  deviceId: string;
  summary: MetricsAccumulator;
  /** The fix of the latest reading that had one, with its timestamp. */
  position: { fix: GpsFix; atMs: number } | undefined;
}

/** Sums up, per battery, the readings one ingest call accepted: what is handed to `ai`. */
export class BatteryFeatures {
  private readonly perBattery = new Map<number, BatteryEntry>();

  /** Counts one accepted reading of `battery`, sent by `deviceId`, and keeps its GPS fix if it is the latest. */
  add(battery: number, tokenId: bigint, deviceId: string, timestampMs: number, metrics: ReadingMetrics, gps: GpsFix | undefined): void {
    const entry = this.perBattery.get(battery) ?? { tokenId, deviceId, summary: new MetricsAccumulator(), position: undefined };
    entry.deviceId = deviceId;
    entry.summary.add(metrics, timestampMs);
    if (gps !== undefined && (entry.position === undefined || timestampMs >= entry.position.atMs)) {
      entry.position = { fix: gps, atMs: timestampMs };
    }
    this.perBattery.set(battery, entry);
  }

  /** One feature record per battery that received readings. */
  toFeatures(): TelemetryFeatures[] {
    return [...this.perBattery.values()].map(({ tokenId, deviceId, summary, position }) => ({
      battery_token_id: tokenId,
      device_id: deviceId,
      from_ms: BigInt(summary.firstMs),
      to_ms: BigInt(summary.lastMs),
      readings: summary.count,
      metrics: summary.toMetrics(),
      position: position === undefined ? [] : [{ latitude: position.fix.latE7 / 1e7, longitude: position.fix.lonE7 / 1e7 }]
    }));
  }
}
