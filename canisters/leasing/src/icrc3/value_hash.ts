import { compareBytes, concatBytes, sha256 } from '@chargex/common';

import { encodeLeb128, encodeSleb128 } from './leb128';
import { Value } from './value';

const textEncoder = new TextEncoder();
/** Hashes of map keys: a fixed set of field and metadata names, each hashed once per module instance. */
const keyHashes = new Map<string, Uint8Array>();

/** The representation-independent hash of a Value that ICRC-3 chains blocks with (`phash`) and certifies. */
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
  const pairs = value.Map.map(([key, item]) => concatBytes([keyHash(key), hashValue(item)]));
  pairs.sort(compareBytes);
  return sha256(concatBytes(pairs));
}

function keyHash(key: string): Uint8Array {
  let hash = keyHashes.get(key);
  if (hash === undefined) {
    hash = sha256(textEncoder.encode(key));
    keyHashes.set(key, hash);
  }
  return hash;
}
