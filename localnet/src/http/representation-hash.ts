import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';

/**
 * The spec's representation-independent hash ("hash_of_map"): what request ids, delegation signatures and
 * query-response signatures are computed over. Values are the shapes a CBOR decoder yields.
 */
export function hashOfMap(map: Record<string, unknown>): Uint8Array {
  const pairs = Object.entries(map)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => concatBytes(sha256(utf8ToBytes(key)), hashValue(value)));
  pairs.sort(compareBytes);
  return sha256(concatBytes(...pairs));
}

/** A request id: the hash of the request's `content` map, whatever fields it carries. */
export const requestIdOf = hashOfMap;

function hashValue(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return sha256(value);
  if (typeof value === 'string') return sha256(utf8ToBytes(value));
  if (typeof value === 'number' || typeof value === 'bigint') return sha256(unsignedLeb128(BigInt(value)));
  if (Array.isArray(value)) return sha256(concatBytes(...value.map(hashValue)));
  if (typeof value === 'object' && value !== null) return hashOfMap(value as Record<string, unknown>);
  throw new TypeError(`cannot hash a value of type ${value === null ? 'null' : typeof value}`);
}

export function unsignedLeb128(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError('natural numbers only');
  const bytes: number[] = [];
  do {
    let byte = Number(value & 0x7fn);
    value >>= 7n;
    if (value !== 0n) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0n);
  return Uint8Array.from(bytes);
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
