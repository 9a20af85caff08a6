import { canonicalReading, leafHash, merkleRoot, TelemetryFeatures } from '@chargex/common';

import { BatchError, BatchOutcome, DeviceBatch, RejectedReading, StoredBatch } from '../api/ingest';
import { CertifiedRoots } from '../anchoring/certified_roots';
import { BatteryFeatures } from '../handoff/battery_features';
import { PolicyStore } from '../policy/policy';
import { DeviceRegistry, StoredDevice } from '../registry/device_registry';
import { RollupStore, RollupResolution } from '../rollups/rollup_store';
import { RollupWriter } from '../rollups/rollup_writer';
import { CounterDeltas, Counters } from '../status/counters';
import { BatteryProgress, BatteryProgressStore } from '../storage/battery_progress';
import { ChunkStore } from '../storage/chunk_store';
import { ChunkWriter } from '../storage/chunk_writer';
import { metricsOf, Reading } from '../storage/reading';
import { batchProblem, timestampBounds } from './batch_checks';
import { BatchLog, BatchRecord, Placement } from './batch_log';
import { checkReading, TimestampBounds } from './reading_validation';

/** Everything ingest reads and writes. */
export interface IngestStores {
  registry: DeviceRegistry;
  progress: BatteryProgressStore;
  chunks: ChunkStore;
  rollups: Record<RollupResolution, RollupStore>;
  batches: BatchLog;
  roots: CertifiedRoots;
  counters: Counters;
  policy: PolicyStore;
}

/**
 * One `ingest` call. Batches are processed in order into write-back buffers (chunk parts, rollup buckets,
 * battery progress, batch records), and `finish` writes each touched entry once, so a call's cost grows with the
 * entries it touches, not with its readings. Everything happens in one message: a trap leaves nothing behind.
 */
export class IngestSession {
  private readonly bounds: TimestampBounds;
  private readonly chunkWriter: ChunkWriter;
  private readonly rollupWriter: RollupWriter;
  private readonly features = new BatteryFeatures();
  private readonly batteryProgress = new Map<number, BatteryProgress>();
  private readonly records: Array<[bigint, BatchRecord]> = [];
  private readonly storedInCall = new Map<string, [bigint, BatchRecord]>();
  private readonly deltas = {
    readings_stored: 0,
    readings_rejected: 0,
    batches_stored: 0,
    batches_duplicate: 0,
    batches_refused: 0
  } satisfies CounterDeltas;
  private nextBatch: bigint;

  constructor(
    private readonly stores: IngestStores,
    private readonly nowNs: bigint
  ) {
    const policy = stores.policy.get();
    this.bounds = timestampBounds(nowNs, policy.raw_retention_days, policy.max_future_drift_ms);
    this.chunkWriter = new ChunkWriter(stores.chunks);
    this.rollupWriter = new RollupWriter(stores.rollups);
    this.nextBatch = stores.batches.nextNumber();
  }

  /** Stores one batch, or answers its earlier outcome if it is a replay, or says why it is refused. */
  ingest(batch: DeviceBatch): BatchOutcome {
    const device = this.stores.registry.find(batch.device_id);
    if (device === undefined) {
      return this.refuse(batch, { UnknownDevice: null });
    }
    const earlier = this.earlierOutcome(device, batch.sequence);
    if (earlier !== undefined) {
      this.deltas.batches_duplicate++;
      return earlier;
    }
    const problem = batchProblem(batch, device, this.bounds);
    if (problem !== undefined) {
      return this.refuse(batch, problem);
    }
    return this.store(batch, device);
  }

  /** Writes everything buffered; returns the features to hand to `ai`. */
  finish(): TelemetryFeatures[] {
    const { bytesAdded } = this.chunkWriter.flush();
    this.rollupWriter.flush();
    for (const [battery, progress] of this.batteryProgress) {
      this.stores.progress.put(battery, progress);
    }
    this.stores.batches.putAll(this.records);
    for (const [, record] of this.records) {
      this.stores.registry.progress.advance(record.device, record.sequence);
    }
    this.stores.roots.commit();
    this.stores.counters.apply({ ...this.deltas, chunk_bytes: bytesAdded });
    return this.features.toFeatures();
  }

  private store(batch: DeviceBatch, device: StoredDevice): BatchOutcome {
    const batchNumber = this.nextBatch++;
    const rejected: RejectedReading[] = [];
    const accepted: Reading[] = [];
    batch.readings.forEach((input, index) => {
      const checked = checkReading(input, device.chemistry, this.bounds);
      if ('error' in checked) {
        rejected.push({ index, error: checked.error });
      } else {
        accepted.push({ ...checked.ok, batch: Number(batchNumber), index });
      }
    });
    const placements = this.place(device, accepted);
    const leaves = accepted.map((reading) => leafHash(canonicalReading(device.device_id, batch.sequence, reading)));
    const root = leaves.length > 0 ? merkleRoot(leaves) : undefined;
    if (root !== undefined) {
      this.stores.roots.add(batchNumber, root);
    }
    const record: BatchRecord = {
      device: device.number,
      battery: device.battery,
      sequence: batch.sequence,
      ingested_at: this.nowNs,
      accepted: accepted.length,
      rejected,
      merkle_root: root === undefined ? [] : [root],
      placements
    };
    this.records.push([batchNumber, record]);
    this.storedInCall.set(`${device.number}:${batch.sequence}`, [batchNumber, record]);
    this.deltas.batches_stored++;
    this.deltas.readings_stored += accepted.length;
    this.deltas.readings_rejected += rejected.length;
    return { Stored: outcomeOf(batchNumber, record, false) };
  }

  /** Appends accepted readings to their battery's chunks, rollups, progress and features. */
  private place(device: StoredDevice, readings: Reading[]): Placement[] {
    const progress = this.progressOf(device.battery);
    const placements: Placement[] = [];
    for (const reading of readings) {
      const { window, part, position } = this.chunkWriter.append(device.battery, progress, reading);
      const run = placements[placements.length - 1];
      if (run !== undefined && run.window === window && run.part === part && run.first + run.count === position) {
        run.count++;
      } else {
        placements.push({ window, part, first: position, count: 1 });
      }
      const metrics = metricsOf(reading);
      this.rollupWriter.add(device.battery, reading.timestampMs, metrics);
      this.features.add(device.battery, device.battery_token_id, device.device_id, reading.timestampMs, metrics, reading.gps);
      if (progress.latest === undefined || reading.timestampMs >= progress.latest.reading.timestampMs) {
        progress.latest = { device: device.number, reading };
      }
    }
    progress.readings += readings.length;
    return placements;
  }

  private earlierOutcome(device: StoredDevice, sequence: bigint): BatchOutcome | undefined {
    const inCall = this.storedInCall.get(`${device.number}:${sequence}`);
    if (inCall !== undefined) {
      return { Stored: outcomeOf(inCall[0], inCall[1], true) };
    }
    const batchNumber = this.stores.batches.find(device.number, sequence);
    if (batchNumber === undefined) {
      return undefined;
    }
    const record = this.stores.batches.get(batchNumber);
    if (record === undefined) {
      throw new Error(`batch index points at batch ${batchNumber}, which is not stored`);
    }
    return { Stored: outcomeOf(batchNumber, record, true) };
  }

  private progressOf(battery: number): BatteryProgress {
    const staged = this.batteryProgress.get(battery) ?? this.stores.progress.get(battery);
    this.batteryProgress.set(battery, staged);
    return staged;
  }

  private refuse(batch: DeviceBatch, error: BatchError): BatchOutcome {
    this.deltas.batches_refused++;
    return { Refused: { device_id: batch.device_id, sequence: batch.sequence, error } };
  }
}

function outcomeOf(batchNumber: bigint, record: BatchRecord, duplicate: boolean): StoredBatch {
  return { batch_number: batchNumber, accepted: record.accepted, rejected: record.rejected, merkle_root: record.merkle_root, duplicate };
}
