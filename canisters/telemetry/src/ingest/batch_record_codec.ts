import { IDL } from 'azle';

import { RejectedReading, RejectedReadingIdl } from '../api/ingest';
import { ByteReader, ByteWriter } from '../storage/varint';
import { BatchRecord } from './batch_log';

const REJECTED_IDL = IDL.Vec(RejectedReadingIdl);

/**
 * Batch records packed by hand (about 60 bytes with the root), one written per stored batch. Refused readings,
 * rare, keep their candid form inside, length-prefixed, so that a replay answers them exactly as first given.
 */
export const packedBatchRecord = {
  toBytes(record: BatchRecord): Uint8Array {
    const out = new ByteWriter(96);
    out.unsigned(record.device);
    out.unsigned(record.battery);
    out.u64(record.sequence);
    out.u64(record.ingested_at);
    out.unsigned(record.accepted);
    const root = record.merkle_root[0];
    out.byte(root === undefined ? 0 : 1);
    if (root !== undefined) {
      out.bytes(root);
    }
    out.unsigned(record.placements.length);
    for (const placement of record.placements) {
      out.unsigned(placement.window);
      out.unsigned(placement.part);
      out.unsigned(placement.first);
      out.unsigned(placement.count);
    }
    const rejected = record.rejected.length === 0 ? new Uint8Array() : new Uint8Array(IDL.encode([REJECTED_IDL], [record.rejected]));
    out.unsigned(rejected.length);
    out.bytes(rejected);
    return out.view().slice();
  },

  fromBytes(bytes: Uint8Array): BatchRecord {
    const input = new ByteReader(bytes);
    const device = input.unsigned();
    const battery = input.unsigned();
    const sequence = input.u64();
    const ingested_at = input.u64();
    const accepted = input.unsigned();
    const merkle_root: [] | [Uint8Array] = input.byte() === 0 ? [] : [input.bytes(32).slice()];
    const placements = Array.from({ length: input.unsigned() }, () => ({
      window: input.unsigned(),
      part: input.unsigned(),
      first: input.unsigned(),
      count: input.unsigned()
    }));
    const rejectedLength = input.unsigned();
    const rejected =
      rejectedLength === 0 ? [] : (IDL.decode([REJECTED_IDL], input.bytes(rejectedLength).slice())[0] as unknown as RejectedReading[]);
    return { device, battery, sequence, ingested_at, accepted, rejected, merkle_root, placements };
  }
};
