import { metaStore, OrderedKey, StableCell } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { RejectedReading } from '../api/ingest';
import { TELEMETRY_CELLS, TELEMETRY_MEMORY } from '../memory';
import { packedBatchRecord } from './batch_record_codec';

/** A run of a batch's accepted readings stored one after another in one chunk part. */
export interface Placement {
  window: number;
  part: number;
  first: number;
  count: number;
}

/**
 * What is remembered of a stored batch: its outcome (answered again to a replay), its Merkle root, and where its
 * readings went (what a proof needs to rebuild the batch's leaves).
 */
export interface BatchRecord {
  device: number;
  battery: number;
  sequence: bigint;
  ingested_at: bigint;
  accepted: number;
  rejected: RejectedReading[];
  merkle_root: [] | [Uint8Array];
  placements: Placement[];
}

/**
 * Stored batches by batch number (1, 2, ... in ingest order, so the oldest lead the map and retention drops them
 * from the front), and the (device, sequence) index that deduplicates replays.
 */
export class BatchLog {
  private readonly batches = new StableBTreeMap<bigint, BatchRecord>(TELEMETRY_MEMORY.batches, OrderedKey.u64, packedBatchRecord);
  private readonly index = new StableBTreeMap<[number, bigint], bigint>(
    TELEMETRY_MEMORY.batchIndex,
    OrderedKey.tuple(OrderedKey.u32, OrderedKey.u64),
    OrderedKey.u64
  );
  private readonly lastNumber = new StableCell(metaStore(), TELEMETRY_CELLS.nextBatch, OrderedKey.u64);

  /** The batch number (device, sequence) was stored under, if it was. */
  find(device: number, sequence: bigint): bigint | undefined {
    return this.index.get([device, sequence]);
  }

  /** A stored batch. */
  get(batchNumber: bigint): BatchRecord | undefined {
    return this.batches.get(batchNumber);
  }

  /** The number the next stored batch gets. */
  nextNumber(): bigint {
    return this.lastNumber.getOr(0n) + 1n;
  }

  /** Stores batches numbered consecutively from `nextNumber()`, in that order. */
  putAll(records: Array<[bigint, BatchRecord]>): void {
    for (const [batchNumber, record] of records) {
      this.batches.insert(batchNumber, record);
      this.index.insert([record.device, record.sequence], batchNumber);
    }
    const last = records[records.length - 1];
    if (last !== undefined) {
      this.lastNumber.set(last[0]);
    }
  }

  /** Forgets up to `budget` batches ingested before `cutoffNs`, oldest first. */
  removeBefore(cutoffNs: bigint, budget: number): { removed: number; more: boolean } {
    let removed = 0;
    for (;;) {
      const [oldest] = this.batches.items(0, 1);
      if (oldest === undefined || oldest[1].ingested_at >= cutoffNs) {
        return { removed, more: false };
      }
      if (removed === budget) {
        return { removed, more: true };
      }
      this.batches.remove(oldest[0]);
      this.index.remove([oldest[1].device, oldest[1].sequence]);
      removed++;
    }
  }

  /** Number of remembered batches. */
  count(): number {
    return this.batches.len();
  }
}
