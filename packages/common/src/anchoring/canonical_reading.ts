/** The fields of a reading that its canonical bytes hold, in telemetry's fixed-point units. */
export interface CanonicalReadingFields {
  /** Position in the batch as sent. */
  index: number;
  timestampMs: number | bigint;
  cellsMv: ArrayLike<number>;
  currentCa: number;
  temperaturesDc: ArrayLike<number>;
  socPermille: number;
  gps?: { latE7: number; lonE7: number };
}

const ENCODING_VERSION = 1;
const textEncoder = new TextEncoder();

/**
 * The canonical bytes of a stored reading: what a Merkle leaf hashes. It binds the reading to its device and
 * batch, so a proof shows which device sent it in which batch at which position. Big-endian throughout:
 *
 *   u8 version (1) | u16 device id length | device id (UTF-8) | u64 sequence | u32 index in batch
 *   | u64 timestamp (ms) | u8 cell count | i16 mV per cell | i32 current (cA) | u8 temperature count
 *   | i16 per temperature (0.1 °C) | u16 SoC (0.1 %) | u8 has GPS | [i32 latitude (1e-7°) | i32 longitude (1e-7°)]
 *
 * Clients verifying a proof rebuild these bytes from the StoredReading the proof query returns.
 */
export function canonicalReading(deviceId: string, sequence: bigint, reading: CanonicalReadingFields): Uint8Array {
  const id = textEncoder.encode(deviceId);
  const out = new BigEndianWriter(
    32 + id.length + 2 * reading.cellsMv.length + 2 * reading.temperaturesDc.length + (reading.gps ? 8 : 0)
  );
  out.u8(ENCODING_VERSION);
  out.u16(id.length);
  out.bytes(id);
  out.u64(sequence);
  out.u32(reading.index);
  out.u64(BigInt(reading.timestampMs));
  out.u8(reading.cellsMv.length);
  for (let i = 0; i < reading.cellsMv.length; i++) out.i16(reading.cellsMv[i]!);
  out.i32(reading.currentCa);
  out.u8(reading.temperaturesDc.length);
  for (let i = 0; i < reading.temperaturesDc.length; i++) out.i16(reading.temperaturesDc[i]!);
  out.u16(reading.socPermille);
  out.u8(reading.gps ? 1 : 0);
  if (reading.gps) {
    out.i32(reading.gps.latE7);
    out.i32(reading.gps.lonE7);
  }
  return out.result();
}

/** Writes fixed-width big-endian fields into a buffer of known size. */
class BigEndianWriter {
  private readonly buffer: Uint8Array;
  private readonly view: DataView;
  private at = 0;

  constructor(size: number) {
    this.buffer = new Uint8Array(size);
    this.view = new DataView(this.buffer.buffer);
  }

  u8(value: number): void {
    this.view.setUint8(this.advance(1), value);
  }

  u16(value: number): void {
    this.view.setUint16(this.advance(2), value);
  }

  i16(value: number): void {
    this.view.setInt16(this.advance(2), value);
  }

  u32(value: number): void {
    this.view.setUint32(this.advance(4), value);
  }

  i32(value: number): void {
    this.view.setInt32(this.advance(4), value);
  }

  u64(value: bigint): void {
    this.view.setBigUint64(this.advance(8), value);
  }

  bytes(value: Uint8Array): void {
    this.buffer.set(value, this.advance(value.length));
  }

  /** The written bytes; the size given at construction must have been filled exactly. */
  result(): Uint8Array {
    if (this.at !== this.buffer.length) {
      throw new Error(`canonical encoding wrote ${this.at} of ${this.buffer.length} bytes`);
    }
    return this.buffer;
  }

  private advance(width: number): number {
    const offset = this.at;
    this.at += width;
    return offset;
  }
}
