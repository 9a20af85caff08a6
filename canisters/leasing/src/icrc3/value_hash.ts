import { sha256 } from '@noble/hashes/sha2';

import { compareBytes, concat } from './bytes';
import { encodeLeb128, encodeSleb128 } from './leb128';
import { Value } from './value';

const textEncoder = new TextEncoder();

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
    return sha256(concat(value.Array.map(hashValue)));
  }
  const pairs = value.Map.map(([key, item]) => concat([sha256(textEncoder.encode(key)), hashValue(item)]));
  pairs.sort(compareBytes);
  return sha256(concat(pairs));
}
