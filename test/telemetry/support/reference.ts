/**
 * The telemetry canister's documented formats re-implemented independently for the tests (node:crypto, Buffer):
 * quantization to fixed-point units, the canonical reading bytes, the Merkle hashing, and rollup metrics.
 * Nothing here is imported from the canister.
 */
import { createHash } from 'node:crypto';

import type { ProofStep, ReadingInput, StoredReading, TelemetryMetrics } from '../../../packages/client/src/declarations/telemetry/telemetry.did.js';

/** A reading in the stored units: mV, cA, 0.1 °C, 0.1 %, 1e-7 degrees. */
export interface Quantized {
  timestampMs: number;
  cellsMv: number[];
  currentCa: number;
  temperaturesDc: number[];
  socPermille: number;
  gps: { latE7: number; lonE7: number } | undefined;
}

/** The stored form of a device reading, by the documented scaling (rounded to nearest). */
export function quantize(input: ReadingInput): Quantized {
  const gps = input.gps[0];
  return {
    timestampMs: Number(input.timestamp_ms),
    cellsMv: Array.from(input.cell_voltages_v, (v) => Math.round(v * 1000)),
    currentCa: Math.round(input.pack_current_a * 100),
    temperaturesDc: Array.from(input.temperatures_c, (c) => Math.round(c * 10)),
    socPermille: Math.round(input.soc_percent * 10),
    gps: gps === undefined ? undefined : { latE7: Math.round(gps.latitude * 1e7), lonE7: Math.round(gps.longitude * 1e7) }
  };
}

/** A StoredReading from the canister in the same shape, for comparisons. */
export function fromStored(stored: StoredReading): Quantized {
  const gps = stored.gps[0];
  return {
    timestampMs: Number(stored.timestamp_ms),
    cellsMv: Array.from(stored.cell_voltages_mv),
    currentCa: stored.pack_current_ca,
    temperaturesDc: Array.from(stored.temperatures_dc),
    socPermille: stored.soc_permille,
    gps: gps === undefined ? undefined : { latE7: gps.lat_e7, lonE7: gps.lon_e7 }
  };
}

/** The canonical bytes a leaf hashes (layout documented in packages/common/src/anchoring/canonical_reading.ts). */
export function canonicalBytes(deviceId: string, sequence: bigint, index: number, q: Quantized): Buffer {
  const parts: Buffer[] = [];
  const fixed = (size: number, write: (b: Buffer) => void) => {
    const b = Buffer.alloc(size);
    write(b);
    parts.push(b);
  };
  const id = Buffer.from(deviceId, 'utf8');
  fixed(1, (b) => b.writeUInt8(1));
  fixed(2, (b) => b.writeUInt16BE(id.length));
  parts.push(id);
  fixed(8, (b) => b.writeBigUInt64BE(sequence));
  fixed(4, (b) => b.writeUInt32BE(index));
  fixed(8, (b) => b.writeBigUInt64BE(BigInt(q.timestampMs)));
  fixed(1, (b) => b.writeUInt8(q.cellsMv.length));
  q.cellsMv.forEach((mv) => fixed(2, (b) => b.writeInt16BE(mv)));
  fixed(4, (b) => b.writeInt32BE(q.currentCa));
  fixed(1, (b) => b.writeUInt8(q.temperaturesDc.length));
  q.temperaturesDc.forEach((dc) => fixed(2, (b) => b.writeInt16BE(dc)));
  fixed(2, (b) => b.writeUInt16BE(q.socPermille));
  fixed(1, (b) => b.writeUInt8(q.gps ? 1 : 0));
  if (q.gps) {
    const { latE7, lonE7 } = q.gps;
    fixed(8, (b) => {
      b.writeInt32BE(latE7, 0);
      b.writeInt32BE(lonE7, 4);
    });
  }
  return Buffer.concat(parts);
}

const sha256 = (...parts: Uint8Array[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();

/** SHA-256(0x00 || data). */
export const leafHash = (data: Uint8Array): Buffer => sha256(Buffer.of(0), data);

/** Folds a Merkle path (SHA-256(0x01 || left || right) per step) from a leaf hash to the root it implies. */
export function foldPath(leaf: Uint8Array, path: ProofStep[]): Buffer {
  return path.reduce<Buffer>(
    (hash, step) => (step.sibling_on_left ? sha256(Buffer.of(1), step.sibling, hash) : sha256(Buffer.of(1), hash, step.sibling)),
    Buffer.from(leaf)
  );
}

/** The certified ring's leaf of a batch: SHA-256(0x00 || u64 batch number big-endian || batch root). */
export function ringLeaf(batchNumber: bigint, batchRoot: Uint8Array): Buffer {
  const number = Buffer.alloc(8);
  number.writeBigUInt64BE(batchNumber);
  return leafHash(Buffer.concat([number, batchRoot]));
}

const METRICS = ['pack_voltage_mv', 'cell_min_mv', 'cell_max_mv', 'current_ca', 'temperature_max_dc', 'soc_permille'] as const;

function metricValues(q: Quantized): Record<(typeof METRICS)[number], number> {
  return {
    pack_voltage_mv: q.cellsMv.reduce((sum, v) => sum + v, 0),
    cell_min_mv: Math.min(...q.cellsMv),
    cell_max_mv: Math.max(...q.cellsMv),
    current_ca: q.currentCa,
    temperature_max_dc: Math.max(...q.temperaturesDc),
    soc_permille: q.socPermille
  };
}

/** Count and metrics of a set of readings, recomputed from scratch ("last" = the latest timestamp, last sent wins). */
export function summarize(readings: Quantized[]): { count: number; metrics: TelemetryMetrics } {
  const values = readings.map(metricValues);
  let latest = 0;
  readings.forEach((r, i) => {
    if (r.timestampMs >= (readings[latest] as Quantized).timestampMs) latest = i;
  });
  const metric = (name: (typeof METRICS)[number]) => {
    const series = values.map((v) => v[name]);
    return {
      min: BigInt(Math.min(...series)),
      max: BigInt(Math.max(...series)),
      mean: series.reduce((sum, v) => sum + v, 0) / series.length,
      last: BigInt(values[latest]![name])
    };
  };
  return { count: readings.length, metrics: Object.fromEntries(METRICS.map((name) => [name, metric(name)])) as unknown as TelemetryMetrics };
}

/** Compares two metric summaries exactly, means to 9 significant digits. */
export function expectSameMetrics(actual: TelemetryMetrics, expected: TelemetryMetrics, expect: (v: unknown) => any): void {
  for (const name of METRICS) {
    const a = actual[name];
    const e = expected[name];
    expect({ name, min: a.min, max: a.max, last: a.last }).toEqual({ name, min: e.min, max: e.max, last: e.last });
    expect(a.mean).toBeCloseTo(e.mean, 6);
  }
}
