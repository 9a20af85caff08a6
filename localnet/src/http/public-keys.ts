import { ed25519 } from '@noble/curves/ed25519';
import { p256 } from '@noble/curves/nist';
import { secp256k1 } from '@noble/curves/secp256k1';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { ED25519_DER_PREFIX } from './replica-keys.js';

/** A DER-encoded public key of a scheme the IC accepts for user signatures. */
interface SignatureScheme {
  name: string;
  derPrefix: Uint8Array;
  rawKeyBytes: number;
  verify(signature: Uint8Array, message: Uint8Array, rawKey: Uint8Array): boolean;
}

/** ECDSA as the IC takes it: r||s (64 bytes) over SHA-256 of the message; high-S values are accepted too. */
function ecdsa(curve: typeof p256 | typeof secp256k1) {
  return (signature: Uint8Array, message: Uint8Array, rawKey: Uint8Array): boolean =>
    signature.length === 64 && curve.verify(signature, sha256(message), rawKey, { lowS: false, prehash: false, format: 'compact' });
}

const SCHEMES: SignatureScheme[] = [
  {
    name: 'Ed25519',
    derPrefix: ED25519_DER_PREFIX,
    rawKeyBytes: 32,
    verify: (signature, message, rawKey) => signature.length === 64 && ed25519.verify(signature, message, rawKey),
  },
  {
    name: 'ECDSA P-256',
    derPrefix: hexToBytes('3059301306072a8648ce3d020106082a8648ce3d030107034200'),
    rawKeyBytes: 65,
    verify: ecdsa(p256),
  },
  {
    name: 'ECDSA secp256k1',
    derPrefix: hexToBytes('3056301006072a8648ce3d020106052b8104000a034200'),
    rawKeyBytes: 65,
    verify: ecdsa(secp256k1),
  },
];

/** Thrown for a public key whose DER encoding is of no scheme the replica supports. */
export class UnsupportedPublicKeyError extends Error {
  override readonly name = 'UnsupportedPublicKeyError';

  constructor(derKey: Uint8Array) {
    super(`Unsupported or malformed public key ${bytesToHex(derKey.subarray(0, 32))}${derKey.length > 32 ? '...' : ''}`);
  }
}

/**
 * Verifies `signature` over `message` with a DER-encoded public key: true or false for a supported key, and
 * UnsupportedPublicKeyError for any other key (canister signatures and WebAuthn keys are not implemented).
 */
export function verifySignature(derKey: Uint8Array, signature: Uint8Array, message: Uint8Array): boolean {
  const scheme = SCHEMES.find(
    (candidate) =>
      derKey.length === candidate.derPrefix.length + candidate.rawKeyBytes &&
      candidate.derPrefix.every((byte, index) => derKey[index] === byte),
  );
  if (!scheme) throw new UnsupportedPublicKeyError(derKey);
  try {
    return scheme.verify(signature, message, derKey.subarray(scheme.derPrefix.length));
  } catch {
    // noble throws for points off the curve and similar garbage: that is a failed verification.
    return false;
  }
}
