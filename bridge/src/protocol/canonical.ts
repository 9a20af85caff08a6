import { BATCH_LIMITS, DEVICE_ID_PATTERN, type Batch, type Reading } from './batch.js';

/**
 * The canonical binary encoding of a batch (version 1), the bytes a device signs. Every field has a fixed width
 * and little-endian byte order, so one batch has exactly one encoding and a microcontroller can write it with
 * plain stores; firmware/esp32 implements the same layout and is checked against firmware/test-vectors.
 *
 *   "CX" u8 version=1 | u8 idLength, id (ASCII) | u64 sequence | u64 sentAtMs | u16 readingCount
 *   per reading: u64 timestampMs | u8 cellCount, u16 mV[] | i32 cA | u8 tempCount, i16 dC[] | u16 socPermille
 *                | u8 hasGps (0 or 1) [, i32 latE7, i32 lonE7]
 */
export const ENCODING_VERSION = 1;
const MAGIC = [0x43, 0x58];

/** Why bytes are not a canonical batch; `field` names the first part that is wrong. */
export class BatchDecodeError extends Error {
  override readonly name = 'BatchDecodeError';
  constructor(readonly field: string, reason: string) {
    super(`${field}: ${reason}`);
  }
}

/** The canonical bytes of a batch; throws RangeError if a value does not fit its field. */
export function encodeBatch(batch: Batch): Uint8Array {
  const writer = new Writer(encodedSize(batch));
  writer.bytes(MAGIC);
  writer.u8(ENCODING_VERSION);
  const id = new TextEncoder().encode(batch.deviceId);
  if (!DEVICE_ID_PATTERN.test(batch.deviceId)) throw new RangeError(`device id ${JSON.stringify(batch.deviceId)} is not 1-64 of A-Z a-z 0-9 . _ : -`);
  writer.u8(id.length);
  writer.bytes(id);
  writer.u64(batch.sequence);
  writer.u64(BigInt(batch.sentAtMs));
  checkCount('readings', batch.readings.length, BATCH_LIMITS.readings);
  writer.u16(batch.readings.length);
  for (const reading of batch.readings) writeReading(writer, reading);
  return writer.finish();
}

function writeReading(writer: Writer, reading: Reading): void {
  writer.u64(BigInt(reading.timestampMs));
  checkCount('cells', reading.cellsMv.length, BATCH_LIMITS.cells);
  writer.u8(reading.cellsMv.length);
  for (const mv of reading.cellsMv) writer.u16(mv);
  writer.i32(reading.currentCa);
  checkCount('temperatures', reading.temperaturesDc.length, BATCH_LIMITS.temperatures);
  writer.u8(reading.temperaturesDc.length);
  for (const dc of reading.temperaturesDc) writer.i16(dc);
  writer.u16(reading.socPermille);
  writer.u8(reading.gps ? 1 : 0);
  if (reading.gps) {
    writer.i32(reading.gps.latE7);
    writer.i32(reading.gps.lonE7);
  }
}

function encodedSize(batch: Batch): number {
  let size = 3 + 1 + batch.deviceId.length + 8 + 8 + 2;
  for (const r of batch.readings) size += 8 + 1 + 2 * r.cellsMv.length + 4 + 1 + 2 * r.temperaturesDc.length + 2 + 1 + (r.gps ? 8 : 0);
  return size;
}

function checkCount(what: string, count: number, max: number): void {
  if (count < 1 || count > max) throw new RangeError(`${what}: ${count} is outside 1..${max}`);
}

/**
 * Reads a canonical batch from the start of `bytes`; returns it with the number of bytes it took, so a caller can
 * find what follows (the signature of a frame). Throws BatchDecodeError.
 */
export function decodeBatch(bytes: Uint8Array): { batch: Batch; length: number } {
  const reader = new Reader(bytes);
  if (reader.u8('magic') !== MAGIC[0] || reader.u8('magic') !== MAGIC[1]) throw new BatchDecodeError('magic', 'not a ChargeX batch (expected "CX")');
  const version = reader.u8('version');
  if (version !== ENCODING_VERSION) throw new BatchDecodeError('version', `unsupported encoding version ${version} (this bridge reads ${ENCODING_VERSION})`);
  const idLength = reader.u8('device_id');
  const deviceId = new TextDecoder('latin1').decode(reader.take(idLength, 'device_id'));
  if (!DEVICE_ID_PATTERN.test(deviceId)) throw new BatchDecodeError('device_id', 'must be 1 to 64 characters of A-Z a-z 0-9 . _ : -');
  const sequence = reader.u64('sequence');
  const sentAtMs = reader.safeU64('sent_at_ms');
  const count = reader.count('reading_count', BATCH_LIMITS.readings, 2);
  const readings: Reading[] = [];
  for (let index = 0; index < count; index++) readings.push(readReading(reader, `readings[${index}]`));
  return { batch: { deviceId, sequence, sentAtMs, readings }, length: reader.offset };
}

function readReading(reader: Reader, at: string): Reading {
  const timestampMs = reader.safeU64(`${at}.timestamp_ms`);
  const cells = reader.count(`${at}.cell_count`, BATCH_LIMITS.cells, 1);
  const cellsMv = Array.from({ length: cells }, () => reader.u16(`${at}.cells_mv`));
  const currentCa = reader.i32(`${at}.current_ca`);
  const temps = reader.count(`${at}.temperature_count`, BATCH_LIMITS.temperatures, 1);
  const temperaturesDc = Array.from({ length: temps }, () => reader.i16(`${at}.temperatures_dc`));
  const socPermille = reader.u16(`${at}.soc_permille`);
  const hasGps = reader.u8(`${at}.has_gps`);
  if (hasGps > 1) throw new BatchDecodeError(`${at}.has_gps`, `must be 0 or 1, not ${hasGps}`);
  const reading: Reading = { timestampMs, cellsMv, currentCa, temperaturesDc, socPermille };
  if (hasGps === 1) reading.gps = { latE7: reader.i32(`${at}.gps.lat_e7`), lonE7: reader.i32(`${at}.gps.lon_e7`) };
  return reading;
}

class Writer {
  private readonly buffer: Uint8Array;
  private readonly view: DataView;
  private offset = 0;
  constructor(size: number) {
    this.buffer = new Uint8Array(size);
    this.view = new DataView(this.buffer.buffer);
  }
  u8(value: number): void {
    this.view.setUint8(this.offset, checkInt(value, 0, 0xff));
    this.offset += 1;
  }
  u16(value: number): void {
    this.view.setUint16(this.offset, checkInt(value, 0, 0xffff), true);
    this.offset += 2;
  }
  i16(value: number): void {
    this.view.setInt16(this.offset, checkInt(value, -0x8000, 0x7fff), true);
    this.offset += 2;
  }
  i32(value: number): void {
    this.view.setInt32(this.offset, checkInt(value, -0x8000_0000, 0x7fff_ffff), true);
    this.offset += 4;
  }
  u64(value: bigint): void {
    if (value < 0n || value >= 1n << 64n) throw new RangeError(`${value} does not fit a u64`);
    this.view.setBigUint64(this.offset, value, true);
    this.offset += 8;
  }
  bytes(values: ArrayLike<number>): void {
    this.buffer.set(values, this.offset);
    this.offset += values.length;
  }
  finish(): Uint8Array {
    return this.buffer.subarray(0, this.offset);
  }
}

function checkInt(value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${value} is not an integer in ${min}..${max}`);
  return value;
}

class Reader {
  offset = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  take(length: number, field: string): Uint8Array {
    this.need(length, field);
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }
  u8(field: string): number {
    this.need(1, field);
    return this.view.getUint8(this.offset++);
  }
  u16(field: string): number {
    this.need(2, field);
    const value = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return value;
  }
  i16(field: string): number {
    this.need(2, field);
    const value = this.view.getInt16(this.offset, true);
    this.offset += 2;
    return value;
  }
  i32(field: string): number {
    this.need(4, field);
    const value = this.view.getInt32(this.offset, true);
    this.offset += 4;
    return value;
  }
  u64(field: string): bigint {
    this.need(8, field);
    const value = this.view.getBigUint64(this.offset, true);
    this.offset += 8;
    return value;
  }
  /** A u64 that must be exactly representable as a JavaScript number (every plausible millisecond time is). */
  safeU64(field: string): number {
    const value = this.u64(field);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new BatchDecodeError(field, 'is beyond 2^53');
    return Number(value);
  }
  count(field: string, max: number, width: 1 | 2): number {
    const value = width === 1 ? this.u8(field) : this.u16(field);
    if (value < 1 || value > max) throw new BatchDecodeError(field, `must be from 1 to ${max}, not ${value}`);
    return value;
  }
  private need(length: number, field: string): void {
    if (this.offset + length > this.bytes.length) throw new BatchDecodeError(field, `truncated: needs ${length} more bytes at offset ${this.offset}`);
  }
}
