import { decodeLeb128, encodeLeb128, OrderedKey } from '@chargex/common';

/** Appends fields to a growing byte buffer. */
export class ByteWriter {
  private readonly parts: Uint8Array[] = [];
  private length = 0;

  /** Appends raw bytes. */
  bytes(value: Uint8Array): this {
    this.parts.push(value);
    this.length += value.length;
    return this;
  }

  /** Appends one byte. */
  u8(value: number): this {
    return this.bytes(Uint8Array.of(value));
  }

  /** Appends a big-endian u16. */
  u16(value: number): this {
    return this.bytes(Uint8Array.of(value >> 8, value & 0xff));
  }

  /** Appends a big-endian u64. */
  u64(value: bigint): this {
    return this.bytes(OrderedKey.u64.write(value));
  }

  /** Appends an unsigned LEB128 number (small amounts take one or two bytes). */
  nat(value: bigint): this {
    return this.bytes(encodeLeb128(value));
  }

  /** The bytes written so far. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    this.parts.reduce((offset, part) => (out.set(part, offset), offset + part.length), 0);
    return out;
  }
}

/** Reads fields written by ByteWriter, in the same order. */
export class ByteReader {
  private offset = 0;

  constructor(private readonly source: Uint8Array) {}

  /** Reads `length` raw bytes. */
  bytes(length: number): Uint8Array {
    if (this.offset + length > this.source.length) {
      throw new Error(`record truncated: need ${length} bytes at offset ${this.offset}`);
    }
    const out = this.source.slice(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  /** Reads one byte. */
  u8(): number {
    return this.bytes(1)[0];
  }

  /** Reads a big-endian u16. */
  u16(): number {
    const [high, low] = this.bytes(2);
    return (high << 8) | low;
  }

  /** Reads a big-endian u64. */
  u64(): bigint {
    return OrderedKey.u64.read(this.bytes(8), 0)[0];
  }

  /** Reads an unsigned LEB128 number. */
  nat(): bigint {
    const [value, next] = decodeLeb128(this.source, this.offset);
    this.offset = next;
    return value;
  }

  /** Tells whether every byte was read. */
  done(): boolean {
    return this.offset === this.source.length;
  }
}
