/** Unit test of the ledger's own SHA-256 (written for QuickJS) against Node's, across every padding case. */
import { createHash, randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { sha256 } from '../../canisters/ledger/src/crypto/sha256';

describe('ledger sha256', () => {
  it('matches the FIPS 180-4 examples', () => {
    const hex = (text: string) => Buffer.from(sha256(new TextEncoder().encode(text))).toString('hex');
    expect(hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches Node for every length up to four blocks, whichever way the input is split into parts', () => {
    for (let length = 0; length <= 256; length++) {
      const data = randomBytes(length);
      const expected = createHash('sha256').update(data).digest('hex');
      const cut = length % 7;
      expect(Buffer.from(sha256(data)).toString('hex')).toBe(expected);
      expect(Buffer.from(sha256(data.subarray(0, cut), data.subarray(cut))).toString('hex')).toBe(expected);
    }
  });
});
