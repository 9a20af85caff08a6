import { describe, expect, it } from 'vitest';

import { decodeLeb128, decodeSleb128, encodeLeb128, encodeSleb128 } from '../src/icrc3/leb128';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('LEB128', () => {
  it('encodes the examples of the DWARF and Wasm specifications', () => {
    expect(hex(encodeLeb128(0n))).toBe('00');
    expect(hex(encodeLeb128(127n))).toBe('7f');
    expect(hex(encodeLeb128(128n))).toBe('8001');
    expect(hex(encodeLeb128(624485n))).toBe('e58e26');
    expect(hex(encodeSleb128(-123456n))).toBe('c0bb78');
    expect(hex(encodeSleb128(63n))).toBe('3f');
    expect(hex(encodeSleb128(64n))).toBe('c000');
    expect(hex(encodeSleb128(-64n))).toBe('40');
    expect(hex(encodeSleb128(-65n))).toBe('bf7f');
  });

  it('refuses a negative number unsigned', () => {
    expect(() => encodeLeb128(-1n)).toThrow(RangeError);
  });

  it('decodes what it encodes, from any offset, and says where the number ends', () => {
    const numbers = [0n, 1n, 63n, 64n, 127n, 128n, 2n ** 32n, 2n ** 64n - 1n, 2n ** 100n];
    for (const n of numbers) {
      const unsigned = Uint8Array.of(9, ...encodeLeb128(n), 9);
      expect(decodeLeb128(unsigned, 1)).toEqual([n, unsigned.length - 1]);
      for (const signed of [n, -n, -n - 1n]) {
        const bytes = Uint8Array.of(9, ...encodeSleb128(signed), 9);
        expect(decodeSleb128(bytes, 1)).toEqual([signed, bytes.length - 1]);
      }
    }
  });

  it('refuses a number cut short', () => {
    expect(() => decodeLeb128(Uint8Array.of(0x80, 0x80), 0)).toThrow(/truncated/);
    expect(() => decodeSleb128(Uint8Array.of(0xff), 0)).toThrow(/truncated/);
  });
});
