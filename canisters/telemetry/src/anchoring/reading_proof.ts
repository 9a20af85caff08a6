import { canonicalReading, CommonError, err, leafHash, merkleProof, merkleRoot, notFound, ok, Result } from '@chargex/common';

import { ReadingProof } from '../api/proof';
import { toStoredReading } from '../api/reading';
import { BatchLog, Placement } from '../ingest/batch_log';
import { DeviceRegistry } from '../registry/device_registry';
import { ChunkStore } from '../storage/chunk_store';
import { Reading } from '../storage/reading';
import { CertifiedRoots } from './certified_roots';

/**
 * Builds the proof for a stored reading from what is stored: the batch record says where its readings went,
 * the chunks give them back, and their canonical bytes give the leaves again. Nothing per leaf is stored.
 */
export class ReadingProofs {
  constructor(
    private readonly batches: BatchLog,
    private readonly chunks: ChunkStore,
    private readonly registry: DeviceRegistry,
    private readonly roots: CertifiedRoots
  ) {}

  /** The battery of a stored batch, if the batch is still remembered. */
  batteryOf(batchNumber: bigint): number | undefined {
    return this.batches.get(batchNumber)?.battery;
  }

  /** The proof of reading `index` (its position in the batch as sent) of batch `batchNumber`. */
  prove(batchNumber: bigint, index: number, certificate: Uint8Array | undefined): Result<ReadingProof, CommonError> {
    const record = this.batches.get(batchNumber);
    const batchRoot = record?.merkle_root[0];
    if (record === undefined || batchRoot === undefined) {
      return err(notFound('batch', batchNumber.toString()));
    }
    const readings = this.readingsOf(record.battery, record.placements);
    const leafIndex = readings?.findIndex((reading) => reading.index === index) ?? -1;
    if (readings === undefined || leafIndex < 0) {
      return err(notFound('reading', `${batchNumber}/${index}`));
    }
    const device = this.registry.byNumber(record.device);
    const leaves = readings.map((reading) => leafHash(canonicalReading(device.device_id, record.sequence, reading)));
    if (!equalBytes(merkleRoot(leaves), batchRoot)) {
      throw new Error(`stored readings of batch ${batchNumber} no longer hash to its root`);
    }
    const certifiedPath = this.roots.proof(batchNumber);
    return ok({
      device_id: device.device_id,
      sequence: record.sequence,
      reading: toStoredReading(readings[leafIndex] as Reading),
      leaf_index: leafIndex,
      batch_path: merkleProof(leaves, leafIndex),
      batch_root: batchRoot,
      certified: certifiedPath === undefined ? [] : [{ path: certifiedPath, certified_root: this.roots.certifiedRoot() }],
      certificate: certificate === undefined ? [] : [certificate]
    });
  }

  /** A batch's accepted readings in order, or undefined once retention dropped any of its chunks. */
  private readingsOf(battery: number, placements: Placement[]): Reading[] | undefined {
    const readings: Reading[] = [];
    for (const placement of placements) {
      const part = this.chunks.readPart([placement.window, battery, placement.part]);
      if (part === undefined) {
        return undefined;
      }
      readings.push(...part.slice(placement.first, placement.first + placement.count));
    }
    return readings;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
