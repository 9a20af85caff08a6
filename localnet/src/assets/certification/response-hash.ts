import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';
import { compareBytes, unsignedLeb128 } from '../../http/representation-hash.js';
import type { HeaderField } from '../asset-idl.js';
import { CERTIFICATE_HEADER } from './expression.js';

/** The pseudo-header that puts the status code into the hash. */
const STATUS_PSEUDO_HEADER = ':ic-cert-status';

/**
 * The response hash of response verification v2 for an expression that excludes no header: the
 * representation-independent hash of every header (names lower-cased, repeats kept, `IC-Certificate` left out)
 * plus `:ic-cert-status`, followed by the body's SHA-256, hashed together. The body hash is passed in because
 * assets keep theirs (a streamed body is never whole in one place).
 */
export function responseHash(status: number, headers: readonly HeaderField[], bodySha256: Uint8Array): Uint8Array {
  const pairs = headers
    .filter(([name]) => name.toLowerCase() !== CERTIFICATE_HEADER)
    .map(([name, value]) => concatBytes(sha256(utf8ToBytes(name.toLowerCase())), sha256(utf8ToBytes(value))));
  pairs.push(concatBytes(sha256(utf8ToBytes(STATUS_PSEUDO_HEADER)), sha256(unsignedLeb128(BigInt(status)))));
  pairs.sort(compareBytes);
  return sha256(concatBytes(sha256(concatBytes(...pairs)), bodySha256));
}
