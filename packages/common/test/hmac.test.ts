/** Unit test of HMAC-SHA256 against RFC 4231's test cases and Node's implementation. */
import { createHmac, randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { hmacSha256 } from '../src/crypto/hmac';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const text = (value: string) => new TextEncoder().encode(value);

describe('hmacSha256', () => {
  it('matches RFC 4231 test cases 1, 2 and 6 (short key, text key, key longer than a block)', () => {
    expect(hex(hmacSha256(new Uint8Array(20).fill(0x0b), text('Hi There')))).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'
    );
    expect(hex(hmacSha256(text('Jefe'), text('what do ya want for nothing?')))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'
    );
    expect(hex(hmacSha256(new Uint8Array(131).fill(0xaa), text('Test Using Larger Than Block-Size Key - Hash Key First')))).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54'
    );
  });

  it('matches Node for random keys and messages of every size class', () => {
    for (const [keyLength, messageLength] of [[0, 0], [32, 1], [64, 55], [65, 64], [100, 1000]] as const) {
      const key = randomBytes(keyLength);
      const message = randomBytes(messageLength);
      expect(hex(hmacSha256(key, message))).toBe(createHmac('sha256', key).update(message).digest('hex'));
    }
  });
});
