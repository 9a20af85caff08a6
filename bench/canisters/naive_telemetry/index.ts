/**
 * The naive baseline of bench/telemetry.ts: the same `ingest` argument as the telemetry canister, each reading
 * stored as it arrived (candid) in its own StableBTreeMap entry keyed by (device, sequence, index). No checks,
 * deduplication, rollups or anchoring: the way to store telemetry that the columnar chunks are measured against.
 */
import { candidCodec, OrderedKey } from '@chargex/common';
import { IDL, StableBTreeMap, update } from 'azle';

import { DeviceBatch, DeviceBatchIdl } from '../../../canisters/telemetry/src/api/ingest';
import { ReadingInput, ReadingInputIdl } from '../../../canisters/telemetry/src/api/reading';

export default class NaiveTelemetry {
  readings = new StableBTreeMap<[string, bigint, number], ReadingInput>(
    0,
    OrderedKey.tuple(OrderedKey.text, OrderedKey.u64, OrderedKey.u32),
    candidCodec(ReadingInputIdl)
  );

  /** Stores every reading of every batch; returns how many. */
  @update([IDL.Vec(DeviceBatchIdl)], IDL.Nat32)
  ingest(batches: DeviceBatch[]): number {
    let stored = 0;
    for (const batch of batches) {
      batch.readings.forEach((reading, index) => {
        this.readings.insert([batch.device_id, batch.sequence, index], reading);
        stored++;
      });
    }
    return stored;
  }
}
