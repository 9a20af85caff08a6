import { compareBytes, concatBytes, sha256 } from '@chargex/common';

import { Value } from '../idl/icrc3';

const textEncoder = new TextEncoder();

/** Unsigned LEB128 of a natural number. */
export function leb128(value: bigint): Uint8Array {
  if (value < 0n) {
    throw new RangeError(`leb128 of a negative number: ${value}`);
  }
  const out: number[] = [];
  let rest = value;
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    out.push(rest === 0n ? low : low | 0x80);
  } while (rest !== 0n);
  return Uint8Array.from(out);
}

/** Signed LEB128 of an integer. */
export function sleb128(value: bigint): Uint8Array {
  const out: number[] = [];
  let rest = value;
  for (;;) {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    const signBitSet = (low & 0x40) !== 0;
    if ((rest === 0n && !signBitSet) || (rest === -1n && signBitSet)) {
      out.push(low);
      return Uint8Array.from(out);
    }
    out.push(low | 0x80);
  }
}

/** SHA-256 of UTF-8 text. */
export function hashText(text: string): Uint8Array {
  return sha256(textEncoder.encode(text));
}

const labelHashes = new Map<string, Uint8Array>();

/**
 * SHA-256 of a map key or block type. Blocks use a dozen fixed labels, so each is hashed once and kept in the
 * heap instead of hashed at every use: hashing is a large part of what a transfer costs in QuickJS.
 */
export function hashLabel(label: string): Uint8Array {
  let hash = labelHashes.get(label);
  if (hash === undefined) {
    hash = hashText(label);
    labelHashes.set(label, hash);
  }
  return hash;
}

/**
 * ICRC-3 hash of a map whose values are already hashed: the concatenation of the (key hash, value hash) pairs in
 * lexicographic order, hashed. Lets a block reuse its transaction's hash instead of hashing the transaction twice.
 */
export function hashHashedMap(entries: ReadonlyArray<readonly [string, Uint8Array]>): Uint8Array {
  const pairs = entries.map(([key, valueHash]) => {
    const pair = new Uint8Array(64);
    pair.set(hashLabel(key));
    pair.set(valueHash, 32);
    return pair;
  });
  pairs.sort(compareBytes);
  return sha256(concatBytes(pairs));
}

/** The ICRC-3 representation-independent hash of a Value. */
export function hashValue(value: Value): Uint8Array {
  if ('Blob' in value) {
    return sha256(value.Blob);
  }
  if ('Text' in value) {
    return hashText(value.Text);
  }
  if ('Nat' in value) {
    return sha256(leb128(value.Nat));
  }
  if ('Int' in value) {
    return sha256(sleb128(value.Int));
  }
  if ('Array' in value) {
    return sha256(concatBytes(value.Array.map(hashValue)));
  }
  return hashHashedMap(value.Map.map(([key, entry]) => [key, hashValue(entry)] as const));
}
