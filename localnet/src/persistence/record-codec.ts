import { crc32 } from 'node:zlib';
import { CHUNK_BYTES } from '../canister/stable-memory.js';

/** One durable record: canister metadata plus the heap and stable-memory chunks it changed. */
export interface StateRecord {
  meta: Record<string, unknown>;
  heap: Map<number, Uint8Array>;
  stable: Map<number, Uint8Array>;
}

const MAGIC = 0x4c4e4a31; // "LNJ1"
const HEADER_BYTES = 12;

/** Encodes a record as magic, payload length, CRC-32 of the payload, payload. */
export function encodeRecord(record: StateRecord): Buffer {
  const meta = Buffer.from(JSON.stringify(record.meta));
  const payloadBytes = 4 + meta.length + 4 + record.heap.size * (4 + CHUNK_BYTES) + 4 + record.stable.size * (4 + CHUNK_BYTES);
  const out = Buffer.allocUnsafe(HEADER_BYTES + payloadBytes);
  let at = HEADER_BYTES;
  at = out.writeUInt32LE(meta.length, at);
  at += meta.copy(out, at);
  for (const chunks of [record.heap, record.stable]) {
    at = out.writeUInt32LE(chunks.size, at);
    for (const [index, bytes] of chunks) {
      at = out.writeUInt32LE(index, at);
      at += Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).copy(out, at);
    }
  }
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(payloadBytes, 4);
  out.writeUInt32LE(crc32(out.subarray(HEADER_BYTES)), 8);
  return out;
}

/**
 * Decodes the records in `file` in order. A torn or corrupt tail (the process died mid-write) ends the list;
 * `validBytes` says where the intact prefix ends so the caller can cut the rest off.
 */
export function decodeRecords(file: Buffer): { records: StateRecord[]; validBytes: number } {
  const records: StateRecord[] = [];
  let offset = 0;
  while (offset + HEADER_BYTES <= file.length) {
    if (file.readUInt32LE(offset) !== MAGIC) break;
    const length = file.readUInt32LE(offset + 4);
    const end = offset + HEADER_BYTES + length;
    if (end > file.length) break;
    const payload = file.subarray(offset + HEADER_BYTES, end);
    if (crc32(payload) !== file.readUInt32LE(offset + 8)) break;
    records.push(decodePayload(payload));
    offset = end;
  }
  return { records, validBytes: offset };
}

function decodePayload(payload: Buffer): StateRecord {
  let at = 0;
  const metaLength = payload.readUInt32LE(at);
  at += 4;
  const meta = JSON.parse(payload.subarray(at, at + metaLength).toString()) as Record<string, unknown>;
  at += metaLength;
  const readChunks = (): Map<number, Uint8Array> => {
    const chunks = new Map<number, Uint8Array>();
    const count = payload.readUInt32LE(at);
    at += 4;
    for (let i = 0; i < count; i++) {
      const index = payload.readUInt32LE(at);
      chunks.set(index, new Uint8Array(payload.subarray(at + 4, at + 4 + CHUNK_BYTES)));
      at += 4 + CHUNK_BYTES;
    }
    return chunks;
  };
  const heap = readChunks();
  const stable = readChunks();
  return { meta, heap, stable };
}
