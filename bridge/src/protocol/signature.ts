import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1';
import { sha256 } from '@noble/hashes/sha2';

/**
 * Device signatures. A device signs `SIGNING_DOMAIN || canonical batch`: the prefix keeps a batch signature from
 * ever being valid as a signature of anything else the same key signs. Ed25519 signs those bytes (RFC 8032);
 * secp256k1 signs their SHA-256 with ECDSA, r||s (64 bytes), with S in the lower half of the group order only (as
 * Bitcoin and Ethereum require): otherwise (r, n - s) would be a second valid signature of the same batch, and
 * anyone could make one without the key.
 */
export const SIGNING_DOMAIN = new TextEncoder().encode('chargex/telemetry-batch/v1');
export const SIGNATURE_BYTES = 64;

export type KeyAlgorithm = 'ed25519' | 'secp256k1';

export interface DevicePublicKey {
  algorithm: KeyAlgorithm;
  /** 32 raw bytes for Ed25519; a 33- or 65-byte SEC1 point for secp256k1. */
  bytes: Uint8Array;
}

/** The bytes a device signs for a canonical batch. */
export function signingMessage(batchBytes: Uint8Array): Uint8Array {
  const message = new Uint8Array(SIGNING_DOMAIN.length + batchBytes.length);
  message.set(SIGNING_DOMAIN);
  message.set(batchBytes, SIGNING_DOMAIN.length);
  return message;
}

/** Whether `signature` is the device key's signature of the canonical batch; malformed keys verify nothing. */
export function verifyBatchSignature(key: DevicePublicKey, batchBytes: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_BYTES) return false;
  const message = signingMessage(batchBytes);
  try {
    if (key.algorithm === 'ed25519') return nodeVerify(null, message, ed25519PublicKey(key.bytes), signature);
    return secp256k1.verify(signature, sha256(message), key.bytes, { lowS: true, prehash: false });
  } catch {
    return false;
  }
}

/** A device's private key, as the simulator and the test vectors hold it. */
export interface DeviceSecretKey {
  algorithm: KeyAlgorithm;
  /** The 32-byte Ed25519 seed or secp256k1 scalar. */
  secret: Uint8Array;
}

/** Signs a canonical batch as a device would (deterministic for both algorithms; secp256k1 in low-S form). */
export function signBatch(key: DeviceSecretKey, batchBytes: Uint8Array): Uint8Array {
  const message = signingMessage(batchBytes);
  if (key.algorithm === 'ed25519') return new Uint8Array(nodeSign(null, message, ed25519PrivateKey(key.secret)));
  return secp256k1.sign(sha256(message), key.secret, { prehash: false }).toCompactRawBytes();
}

/** The public key of a device secret (compressed SEC1 for secp256k1). */
export function publicKeyOf(key: DeviceSecretKey): DevicePublicKey {
  if (key.algorithm === 'secp256k1') return { algorithm: 'secp256k1', bytes: secp256k1.getPublicKey(key.secret, true) };
  const jwk = createPublicKey(ed25519PrivateKey(key.secret)).export({ format: 'jwk' });
  return { algorithm: 'ed25519', bytes: new Uint8Array(Buffer.from(jwk.x!, 'base64url')) };
}

const publicKeyCache = new Map<string, KeyObject>();

/** Node KeyObjects are costly to build per message; devices are few, so they are kept. */
function ed25519PublicKey(raw: Uint8Array): KeyObject {
  const id = Buffer.from(raw).toString('base64url');
  let key = publicKeyCache.get(id);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: id }, format: 'jwk' });
    publicKeyCache.set(id, key);
  }
  return key;
}

function ed25519PrivateKey(seed: Uint8Array): KeyObject {
  // PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410): fixed 16-byte prefix, then the seed.
  const prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
  return createPrivateKey({ key: Buffer.concat([prefix, seed]), format: 'der', type: 'pkcs8' });
}
