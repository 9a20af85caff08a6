import { TelemetryFeatures } from '@chargex/common';

import { MetricsAccumulator } from '../rollups/accumulator';
import { ReadingMetrics } from '../storage/reading';

/** Sums up, per battery, the readings one ingest call accepted: what is handed to `ai`. */
export class BatteryFeatures {
  private readonly perBattery = new Map<number, { tokenId: bigint; deviceId: string; summary: MetricsAccumulator }>();

  /** Counts one accepted reading of `battery`, sent by `deviceId`. */
  add(battery: number, tokenId: bigint, deviceId: string, timestampMs: number, metrics: ReadingMetrics): void {
    const entry = this.perBattery.get(battery) ?? { tokenId, deviceId, summary: new MetricsAccumulator() };
    entry.deviceId = deviceId;
    entry.summary.add(metrics, timestampMs);
    this.perBattery.set(battery, entry);
  }

  /** One feature record per battery that received readings. */
  toFeatures(): TelemetryFeatures[] {
    return [...this.perBattery.values()].map(({ tokenId, deviceId, summary }) => ({
      battery_token_id: tokenId,
      device_id: deviceId,
      from_ms: BigInt(summary.firstMs),
      to_ms: BigInt(summary.lastMs),
      readings: summary.count,
      metrics: summary.toMetrics()
    }));
  }
}
