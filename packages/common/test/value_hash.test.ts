/** The ICRC-3 representation-independent hash against the test vectors of the standard (ICRC-3/HASHINGVALUES.md). */
import { describe, expect, it } from 'vitest';

import { hashHashedMap, hashValue } from '../src/icrc3/value_hash';
import type { Value } from '../src/icrc3/value';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fromHex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));

describe('ICRC-3 value hash', () => {
  it('hashes each kind of value as the test vectors say', () => {
    expect(hex(hashValue({ Nat: 42n }))).toBe('684888c0ebb17f374298b65ee2807526c066094c701bcc7ebbe1c1095f494fc1');
    expect(hex(hashValue({ Int: -42n }))).toBe('de5a6f78116eca62d7fc5ce159d23ae6b889b365a1739ad2cf36f925a140d0cc');
    expect(hex(hashValue({ Text: 'Hello, World!' }))).toBe('dffd6021bb2bd5b0af676290809ec3a53191dd81c7f70a4b28688a362182986f');
    expect(hex(hashValue({ Blob: Uint8Array.of(1, 2, 3, 4) }))).toBe('9f64a747e1b97f131fabb6b447296c9b6f0201e79fb3c5356e6c77e89b6a806a');
    expect(hex(hashValue({ Array: [{ Nat: 3n }, { Text: 'foo' }, { Blob: Uint8Array.of(5, 6) }] }))).toBe(
      '514a04011caa503990d446b7dec5d79e19c221ae607fb08b2848c67734d468d6',
    );
  });

  it('hashes the test vector map, whatever the order of its entries', () => {
    const entries: Array<[string, Value]> = [
      ['from', { Blob: fromHex('00abcdef0012340056789a00bcdef000012345678900abcdef01') }],
      ['to', { Blob: fromHex('00ab0def0012340056789a00bcdef000012345678900abcdef01') }],
      ['amount', { Nat: 42n }],
      ['created_at', { Nat: 1699218263n }],
      ['memo', { Nat: 0n }],
    ];
    const expected = 'c56ece650e1de4269c5bdeff7875949e3e2033f85b2d193c2ff4f7f78bdcfc75';
    expect(hex(hashValue({ Map: entries }))).toBe(expected);
    expect(hex(hashValue({ Map: [...entries].reverse() }))).toBe(expected);
  });

  it('gives a map of already hashed values the hash of the map itself', () => {
    const inner: Value = { Map: [['amt', { Nat: 5n }]] };
    const outer: Value = { Map: [['tx', inner], ['btype', { Text: '1xfer' }]] };
    expect(hex(hashHashedMap([['tx', hashValue(inner)], ['btype', hashValue({ Text: '1xfer' })]]))).toBe(hex(hashValue(outer)));
  });
});
