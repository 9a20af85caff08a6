/** The bridge's encoder, decoder and signature check against the shared test vectors (firmware/test-vectors). */
import { describe, expect, it } from 'vitest';
import { BatchDecodeError, decodeBatch, decodeFrame, encodeBatch, frameOf, publicKeyOf, signBatch, signingMessage, verifyBatchSignature } from '@chargex/bridge';
import { loadVectors } from './support/vectors.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const vectors = loadVectors();

/** The order n of the secp256k1 group (SEC 2, section 2.4.1). */
const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

describe('protocol test vectors', () => {
  it('has vectors for both key algorithms', () => {
    expect(vectors.map((vector) => vector.key.algorithm)).toEqual(expect.arrayContaining(['ed25519', 'secp256k1']));
  });

  for (const { name, file, batch, key } of vectors) {
    describe(name, () => {
      const canonical = Buffer.from(file.canonical_hex, 'hex');
      const signature = Buffer.from(file.signature_hex, 'hex');

      it('encodes to the canonical bytes and decodes back', () => {
        expect(hex(encodeBatch(batch))).toBe(file.canonical_hex);
        expect(decodeBatch(canonical)).toEqual({ batch, length: canonical.length });
        expect(hex(signingMessage(canonical))).toBe(file.signing_message_hex);
      });

      it('derives the public key and signs deterministically', () => {
        expect(hex(publicKeyOf(key).bytes)).toBe(file.key.public_key_hex);
        expect(hex(signBatch(key, canonical))).toBe(file.signature_hex);
      });

      it('verifies the signature, and no longer after any change of the signed bytes', () => {
        const publicKey = { algorithm: key.algorithm, bytes: Buffer.from(file.key.public_key_hex, 'hex') };
        expect(verifyBatchSignature(publicKey, canonical, signature)).toBe(true);
        for (const at of [0, 3, Math.floor(canonical.length / 2), canonical.length - 1]) {
          const changed = Buffer.from(canonical);
          changed[at]! ^= 0x80;
          expect(verifyBatchSignature(publicKey, changed, signature)).toBe(false);
        }
      });

      if (key.algorithm === 'secp256k1') {
        it('refuses the high-S twin of a valid signature (r, n - s), which anyone could make without the key', () => {
          const publicKey = { algorithm: key.algorithm, bytes: Buffer.from(file.key.public_key_hex, 'hex') };
          const r = signature.subarray(0, 32);
          const s = BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`);
          expect(s <= SECP256K1_ORDER / 2n).toBe(true);
          const highS = Buffer.from((SECP256K1_ORDER - s).toString(16).padStart(64, '0'), 'hex');
          const twin = new Uint8Array([...r, ...highS]);
          expect(verifyBatchSignature(publicKey, canonical, signature)).toBe(true);
          expect(verifyBatchSignature(publicKey, canonical, twin)).toBe(false);
        });
      }

      it('frames and unframes', () => {
        const frame = decodeFrame(frameOf(canonical, signature));
        expect(frame.batch).toEqual(batch);
        expect(hex(frame.signature)).toBe(file.signature_hex);
      });

      it('refuses every truncation of the canonical bytes', () => {
        for (let length = 0; length < canonical.length; length++) {
          expect(() => decodeBatch(canonical.subarray(0, length))).toThrow(BatchDecodeError);
        }
      });
    });
  }
});
