/** Builders of registry inputs and device batches for the telemetry tests. */
import { randomBytes } from 'node:crypto';

import type { Principal } from '@dfinity/principal';

import type {
  DeviceBatch,
  DeviceRegistration,
  ReadingInput
} from '../../../packages/client/src/declarations/telemetry/telemetry.did.js';

export type { DeviceBatch, DeviceRegistration, ReadingInput };

/** A registration of an LiFePO4 monitor with a fresh Ed25519 key, reporting every 10 s. */
export function registration(deviceId: string, batteryTokenId: bigint, owner: Principal, overrides: Partial<DeviceRegistration> = {}): DeviceRegistration {
  return {
    device_id: deviceId,
    key: { public_key: new Uint8Array(randomBytes(32)), algorithm: { Ed25519: null } },
    battery_token_id: batteryTokenId,
    owner,
    chemistry: { LiFePO4: null },
    firmware_version: '1.4.2',
    reporting_interval_s: 10,
    ...overrides
  };
}

export interface ReadingShape {
  cells: number[];
  current: number;
  temperatures: number[];
  soc: number;
  gps: { latitude: number; longitude: number } | undefined;
}

/** A plausible 16-cell LiFePO4 reading at `atMs`, varying smoothly with time; any part can be overridden. */
export function reading(atMs: number, overrides: Partial<ReadingShape> = {}): ReadingInput {
  const step = Math.floor(atMs / 10_000);
  const shape: ReadingShape = {
    cells: Array.from({ length: 16 }, (_, cell) => 3.2 + ((step + cell * 3) % 50) / 1000),
    current: ((step % 400) - 200) / 10 + 0.013,
    temperatures: [21.5 + (step % 30) / 10, 24.04 - (step % 17) / 10],
    soc: 40 + (step % 500) / 10,
    gps: step % 3 === 0 ? { latitude: 47.3769 + (step % 1000) / 1e6, longitude: 8.5417 - (step % 1000) / 1e6 } : undefined,
    ...overrides
  };
  return {
    timestamp_ms: BigInt(atMs),
    cell_voltages_v: shape.cells,
    pack_current_a: shape.current,
    temperatures_c: shape.temperatures,
    soc_percent: shape.soc,
    gps: shape.gps === undefined ? [] : [shape.gps]
  };
}

/** Readings every `intervalMs` from `fromMs`, `count` of them. */
export function series(fromMs: number, count: number, intervalMs = 10_000): ReadingInput[] {
  return Array.from({ length: count }, (_, i) => reading(fromMs + i * intervalMs));
}

/** A device batch; its timestamp is that of its last reading unless given. */
export function batch(deviceId: string, sequence: number, readings: ReadingInput[], timestampMs?: number): DeviceBatch {
  const last = readings[readings.length - 1];
  return {
    device_id: deviceId,
    sequence: BigInt(sequence),
    timestamp_ms: timestampMs === undefined ? (last?.timestamp_ms ?? 0n) : BigInt(timestampMs),
    readings
  };
}

/** Splits readings into batches of at most `size`, numbered from `firstSequence`. */
export function batches(deviceId: string, firstSequence: number, readings: ReadingInput[], size = 64): DeviceBatch[] {
  const out: DeviceBatch[] = [];
  for (let i = 0; i < readings.length; i += size) {
    out.push(batch(deviceId, firstSequence + out.length, readings.slice(i, i + size)));
  }
  return out;
}
