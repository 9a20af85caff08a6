import { crc32 } from 'node:zlib';

/**
 * Record framing of spool segments: u32 payload length, u32 CRC-32 of the payload (both little-endian), then the
 * payload. A record whose length runs past the end of the file or whose CRC does not match is where a write was
 * torn (the process or machine died mid-write): reading stops there and the rest is cut off.
 */
export const FRAME_HEADER_BYTES = 8;
/** Larger than any record the spool writes; a bigger length field is corruption, not a record. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

export function frameRecord(payload: Uint8Array): Buffer {
  const record = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  record.writeUInt32LE(payload.length, 0);
  record.writeUInt32LE(crc32(payload), 4);
  record.set(payload, FRAME_HEADER_BYTES);
  return record;
}

/** The intact records at the start of `bytes`, and how many bytes they span (the rest is a torn tail). */
export function readRecords(bytes: Buffer): { records: Buffer[]; validLength: number } {
  const records: Buffer[] = [];
  let offset = 0;
  while (offset + FRAME_HEADER_BYTES <= bytes.length) {
    const length = bytes.readUInt32LE(offset);
    const end = offset + FRAME_HEADER_BYTES + length;
    if (length > MAX_RECORD_BYTES || end > bytes.length) break;
    const payload = bytes.subarray(offset + FRAME_HEADER_BYTES, end);
    if (crc32(payload) !== bytes.readUInt32LE(offset + 4)) break;
    records.push(payload);
    offset = end;
  }
  return { records, validLength: offset };
}
