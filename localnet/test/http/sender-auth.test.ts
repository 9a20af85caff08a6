import { describe, expect, it } from 'vitest';
import { p256 } from '@noble/curves/nist';
import { secp256k1 } from '@noble/curves/secp256k1';
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, hexToBytes } from '@noble/hashes/utils';
import { Principal } from '@dfinity/principal';
import { AuthenticationError } from '../../src/http/errors.js';
import { domainSeparator } from '../../src/http/hash-tree.js';
import { authenticateSender } from '../../src/http/sender-auth.js';

const requestId = sha256(new TextEncoder().encode('some request'));
const now = 1_700_000_000_000_000_000n;

const curves = [
  ['P-256', p256, '3059301306072a8648ce3d020106082a8648ce3d030107034200'],
  ['secp256k1', secp256k1, '3056301006072a8648ce3d020106052b8104000a034200'],
] as const;

describe('sender authentication of ECDSA keys', () => {
  it.each(curves)('%s: accepts r||s over SHA-256 in both low-S and high-S form', (_, curve, prefix) => {
    const secret = curve.utils.randomSecretKey();
    const publicKey = concatBytes(hexToBytes(prefix), curve.getPublicKey(secret, false));
    const sender = Principal.selfAuthenticating(publicKey);
    const digest = sha256(concatBytes(domainSeparator('ic-request'), requestId));
    const lowS = curve.sign(digest, secret, { prehash: false });
    const highS = new curve.Signature(lowS.r, curve.CURVE.n - lowS.s);

    for (const signature of [lowS.toBytes('compact'), highS.toBytes('compact')]) {
      expect(authenticateSender({ kind: 'signed', publicKey, signature, delegations: [] }, sender, requestId, now)).toEqual({ kind: 'any' });
    }
    const tampered = lowS.toBytes('compact');
    tampered[5] = tampered[5]! ^ 1;
    expect(() => authenticateSender({ kind: 'signed', publicKey, signature: tampered, delegations: [] }, sender, requestId, now)).toThrow(
      AuthenticationError,
    );
  });

  it('refuses a sender that is not the self-authenticating id of the key', () => {
    const secret = p256.utils.randomSecretKey();
    const publicKey = concatBytes(hexToBytes(curves[0][2]), p256.getPublicKey(secret, false));
    const signature = p256.sign(sha256(concatBytes(domainSeparator('ic-request'), requestId)), secret, { prehash: false }).toBytes('compact');
    expect(() => authenticateSender({ kind: 'signed', publicKey, signature, delegations: [] }, Principal.fromText('2vxsx-fae'), requestId, now)).toThrow(
      /not the self-authenticating id/,
    );
  });
});
