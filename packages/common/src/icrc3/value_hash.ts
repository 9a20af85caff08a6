import { compareBytes, concatBytes } from '../bytes';
import { sha256 } from '../crypto/sha256';
import { encodeLeb128, encodeSleb128 } from './leb128';
import { Value } from './value';

const textEncoder = new TextEncoder();
const labelHashes = new Map<string, Uint8Array>();

/**
 * SHA-256 of a map key or block type. Blocks and metadata use a few dozen fixed labels, so each is hashed once
 * per heap and kept: hashing is a large part of what a transaction costs in QuickJS.
 */
export function hashLabel(label: string): Uint8Array {
  let hash = labelHashes.get(label);
  if (hash === undefined) {
    hash = sha256(textEncoder.encode(label));
    labelHashes.set(label, hash);
  }
  return hash;
}

/**
 * ICRC-3 hash of a map whose values are already hashed: the (key hash, value hash) pairs in lexicographic order,
 * concatenated and hashed. Lets a block reuse its transaction's hash instead of hashing the transaction twice.
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

/** The ICRC-3 representation-independent hash of a Value: what blocks are chained (`phash`) and certified by. */
export function hashValue(value: Value): Uint8Array {
  if ('Blob' in value) {
    return sha256(value.Blob);
  }
  if ('Text' in value) {
    return sha256(textEncoder.encode(value.Text));
  }
  if ('Nat' in value) {
    return sha256(encodeLeb128(value.Nat));
  }
  if ('Int' in value) {
    return sha256(encodeSleb128(value.Int));
  }
  if ('Array' in value) {
    return sha256(concatBytes(value.Array.map(hashValue)));
  }
  return hashHashedMap(value.Map.map(([key, item]) => [key, hashValue(item)] as const));
}
