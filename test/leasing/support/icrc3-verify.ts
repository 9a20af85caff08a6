/**
 * An independent implementation of ICRC-3's representation-independent hash of Value (node:crypto), for checking
 * the leasing canister's block chain and tip certificate from the outside.
 */
import { createHash } from 'node:crypto';

import type { LeasingService } from '@chargex/client';

export type Value = Awaited<ReturnType<LeasingService['icrc3_get_blocks']>>['blocks'][number]['block'];

const sha256 = (...parts: Uint8Array[]): Uint8Array => {
  const hash = createHash('sha256');
  parts.forEach((part) => hash.update(part));
  return new Uint8Array(hash.digest());
};

/** Unsigned LEB128. */
export function leb128(value: bigint): Uint8Array {
  const out: number[] = [];
  let rest = value;
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest !== 0n) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0n);
  return Uint8Array.from(out);
}

function sleb128(value: bigint): Uint8Array {
  const out: number[] = [];
  let rest = value;
  for (;;) {
    const byte = Number(rest & 0x7fn);
    rest >>= 7n;
    const done = (rest === 0n && (byte & 0x40) === 0) || (rest === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return Uint8Array.from(out);
  }
}

/** The ICRC-3 hash of a value. */
export function hashValue(value: Value): Uint8Array {
  if ('Blob' in value) return sha256(Uint8Array.from(value.Blob));
  if ('Text' in value) return sha256(new TextEncoder().encode(value.Text));
  if ('Nat' in value) return sha256(leb128(value.Nat));
  if ('Int' in value) return sha256(sleb128(value.Int));
  if ('Array' in value) return sha256(...value.Array.map(hashValue));
  const pairs = value.Map.map(([key, item]) => Buffer.concat([sha256(new TextEncoder().encode(key)), hashValue(item)]));
  pairs.sort(Buffer.compare);
  return sha256(...pairs);
}

/** The field `name` of a Map value. */
export function field(value: Value, name: string): Value | undefined {
  return 'Map' in value ? value.Map.find(([key]) => key === name)?.[1] : undefined;
}

/** Hex of bytes. */
export const hex = (bytes: Uint8Array | number[]): string => Buffer.from(Uint8Array.from(bytes)).toString('hex');
