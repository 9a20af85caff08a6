/**
 * LEB128-style variable-length integers (7 bits a byte, low bits first) and zigzag signed integers, the building
 * blocks of the packed chunk and rollup formats. Arithmetic instead of bit operators keeps every integer up to
 * 2^53 exact (JavaScript bit operators stop at 32 bits).
 */

/** Appends bytes to a growing buffer. */
export class ByteWriter {
  private buffer: Uint8Array;
  private length = 0;

  constructor(initialCapacity = 64) {
    this.buffer = new Uint8Array(initialCapacity);
  }

  /** Number of bytes written so far. */
  get size(): number {
    return this.length;
  }

  /** Writes an unsigned integer (0 <= value < 2^53). */
  unsigned(value: number): void {
    let rest = value;
    while (rest >= 128) {
      this.byte((rest % 128) + 128);
      rest = Math.floor(rest / 128);
    }
    this.byte(rest);
  }

  /** Writes a signed integer (|value| < 2^52) as its zigzag form: small magnitudes take few bytes. */
  signed(value: number): void {
    this.unsigned(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  /** Writes a u64 as 8 big-endian bytes (values beyond 2^53, such as sequence numbers and IC times). */
  u64(value: bigint): void {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigUint64(0, value);
    this.bytes(bytes);
  }

  /** Writes one byte (0..255). */
  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  /** Writes raw bytes. */
  bytes(value: Uint8Array): void {
    this.reserve(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
  }

  /** The bytes written (a view: valid until the next write). */
  view(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) {
      return;
    }
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

/** Reads what a ByteWriter wrote, throwing on truncated input (stored bytes are trusted: a throw is a broken invariant). */
export class ByteReader {
  private offset = 0;

  constructor(private readonly source: Uint8Array) {}

  /** True when every byte has been read. */
  get done(): boolean {
    return this.offset >= this.source.length;
  }

  /** Reads an unsigned integer. */
  unsigned(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const next = this.byte();
      value += (next % 128) * scale;
      if (next < 128) {
        return value;
      }
      scale *= 128;
    }
  }

  /** Reads a zigzag signed integer. */
  signed(): number {
    const raw = this.unsigned();
    return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
  }

  /** Reads a u64 written by ByteWriter.u64. */
  u64(): bigint {
    const bytes = this.bytes(8);
    return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0);
  }

  /** Reads one byte. */
  byte(): number {
    const value = this.source[this.offset];
    if (value === undefined) {
      throw new Error(`packed data truncated at byte ${this.offset}`);
    }
    this.offset++;
    return value;
  }

  /** Reads `length` raw bytes (a view into the source). */
  bytes(length: number): Uint8Array {
    if (this.offset + length > this.source.length) {
      throw new Error(`packed data truncated: need ${length} bytes at ${this.offset}`);
    }
    const view = this.source.subarray(this.offset, this.offset + length);
    this.offset += length;
    return view;
  }
}
