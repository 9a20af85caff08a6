/** Unit test of the SHA-256 written for QuickJS against Node's, across every padding case. */
import { createHash, randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { sha256 } from '../src/crypto/sha256';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('sha256', () => {
  it('matches the FIPS 180-4 examples', () => {
    const ofText = (text: string) => hex(sha256(new TextEncoder().encode(text)));
    expect(ofText('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(ofText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(ofText('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches Node for every length up to four blocks', () => {
    for (let length = 0; length <= 256; length++) {
      const data = randomBytes(length);
      expect(hex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('hashes a view by its own bytes, not its whole buffer', () => {
    const buffer = randomBytes(100);
    const view = buffer.subarray(10, 90);
    expect(hex(sha256(view))).toBe(createHash('sha256').update(view).digest('hex'));
  });
});
