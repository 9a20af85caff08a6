import { Principal } from '@dfinity/principal';

import { Codec } from './codec';

/**
 * One component of a stored key. StableBTreeMap orders keys by their bytes, so each part is written so that
 * byte order equals value order (fixed-width big-endian numbers) or is at least self-delimiting (length-prefixed
 * principals and text), which keeps composite keys grouped by their leading parts.
 */
export interface KeyPart<T> extends Codec<T> {
  write(value: T): Uint8Array;
  /** Reads a value at `offset`, returning it and the offset just past it. */
  read(bytes: Uint8Array, offset: number): [T, number];
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

function keyPart<T>(write: (value: T) => Uint8Array, read: (bytes: Uint8Array, offset: number) => [T, number]): KeyPart<T> {
  return {
    write,
    read,
    toBytes: write,
    fromBytes(bytes: Uint8Array): T {
      const [value, end] = read(bytes, 0);
      if (end !== bytes.length) {
        throw new Error(`key has ${bytes.length - end} trailing bytes`);
      }
      return value;
    }
  };
}

function need(bytes: Uint8Array, offset: number, width: number): void {
  if (offset + width > bytes.length) {
    throw new Error(`key truncated: need ${width} bytes at offset ${offset}, have ${bytes.length - offset}`);
  }
}

function unsigned(bits: 8 | 16 | 32): KeyPart<number> {
  const width = bits / 8;
  const max = 2 ** bits - 1;
  return keyPart(
    (value) => {
      if (!Number.isInteger(value) || value < 0 || value > max) {
        throw new RangeError(`${value} does not fit in u${bits}`);
      }
      const out = new Uint8Array(width);
      for (let i = width - 1, rest = value; i >= 0; i--, rest = Math.floor(rest / 256)) {
        out[i] = rest % 256;
      }
      return out;
    },
    (bytes, offset) => {
      need(bytes, offset, width);
      let value = 0;
      for (let i = 0; i < width; i++) {
        value = value * 256 + (bytes[offset + i] as number);
      }
      return [value, offset + width];
    }
  );
}

const U64_MAX = (1n << 64n) - 1n;

const u64: KeyPart<bigint> = keyPart(
  (value) => {
    if (value < 0n || value > U64_MAX) {
      throw new RangeError(`${value} does not fit in u64`);
    }
    const out = new Uint8Array(8);
    let rest = value;
    for (let i = 7; i >= 0; i--) {
      out[i] = Number(rest & 0xffn);
      rest >>= 8n;
    }
    return out;
  },
  (bytes, offset) => {
    need(bytes, offset, 8);
    let value = 0n;
    for (let i = 0; i < 8; i++) {
      value = (value << 8n) | BigInt(bytes[offset + i] as number);
    }
    return [value, offset + 8];
  }
);

const u8 = unsigned(8);
const u16 = unsigned(16);

function lengthPrefixed(prefix: KeyPart<number>, raw: Uint8Array): Uint8Array {
  const head = prefix.write(raw.length);
  const out = new Uint8Array(head.length + raw.length);
  out.set(head);
  out.set(raw, head.length);
  return out;
}

function readLengthPrefixed(prefix: KeyPart<number>, bytes: Uint8Array, offset: number): [Uint8Array, number] {
  const [length, start] = prefix.read(bytes, offset);
  need(bytes, start, length);
  return [bytes.subarray(start, start + length), start + length];
}

/** A principal as one length byte and its raw bytes (principals are at most 29 bytes). */
const principal: KeyPart<Principal> = keyPart(
  (value) => lengthPrefixed(u8, value.toUint8Array()),
  (bytes, offset) => {
    const [raw, next] = readLengthPrefixed(u8, bytes, offset);
    return [Principal.fromUint8Array(raw.slice()), next];
  }
);

/** Text as a u16 byte length and its UTF-8 bytes: orders by length first, then bytes (exact lookups, grouping). */
const text: KeyPart<string> = keyPart(
  (value) => lengthPrefixed(u16, textEncoder.encode(value)),
  (bytes, offset) => {
    const [raw, next] = readLengthPrefixed(u16, bytes, offset);
    return [textDecoder.decode(raw), next];
  }
);

type Parts<T extends unknown[]> = { [K in keyof T]: KeyPart<T[K]> };

/** A composite key written as its parts one after another; orders by the first part, then the second, ... */
function tuple<T extends unknown[]>(...parts: Parts<T>): KeyPart<T> {
  return keyPart(
    (values) => {
      const chunks = parts.map((part, i) => (part as KeyPart<unknown>).write(values[i]));
      const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
      chunks.reduce((offset, chunk) => (out.set(chunk, offset), offset + chunk.length), 0);
      return out;
    },
    (bytes, offset) => {
      const values: unknown[] = [];
      let next = offset;
      for (const part of parts) {
        const [value, end] = (part as KeyPart<unknown>).read(bytes, next);
        values.push(value);
        next = end;
      }
      return [values as T, next];
    }
  );
}

/** Order-preserving key encoders for StableBTreeMap. */
export const OrderedKey = { u8, u16, u32: unsigned(32), u64, principal, text, tuple };
