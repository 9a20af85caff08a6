import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { KeyPart, OrderedKey } from '../src/storage/ordered_key';

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return (a[i] as number) - (b[i] as number);
    }
  }
  return a.length - b.length;
}

function sortByBytes<T>(part: KeyPart<T>, values: T[]): T[] {
  return [...values].sort((a, b) => compareBytes(part.toBytes(a), part.toBytes(b)));
}

const alice = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
const anonymous = Principal.anonymous();
const user = Principal.fromText('un4fu-tqaaa-aaaab-qadjq-cai');

describe('OrderedKey.u64', () => {
  it('orders by numeric value, unlike the default JSON serializer', () => {
    const values = [300n, 1n, 10n, 2n, 0n, (1n << 64n) - 1n, 256n, 255n];
    expect(sortByBytes(OrderedKey.u64, values)).toEqual([0n, 1n, 2n, 10n, 255n, 256n, 300n, (1n << 64n) - 1n]);
  });

  it('is 8 bytes big-endian and round-trips', () => {
    expect([...OrderedKey.u64.toBytes(258n)]).toEqual([0, 0, 0, 0, 0, 0, 1, 2]);
    expect(OrderedKey.u64.fromBytes(OrderedKey.u64.toBytes(123456789012345n))).toBe(123456789012345n);
  });

  it('refuses values outside u64', () => {
    expect(() => OrderedKey.u64.toBytes(-1n)).toThrow(RangeError);
    expect(() => OrderedKey.u64.toBytes(1n << 64n)).toThrow(RangeError);
  });

  it('refuses truncated and oversized input', () => {
    expect(() => OrderedKey.u64.fromBytes(new Uint8Array(7))).toThrow(/truncated/);
    expect(() => OrderedKey.u64.fromBytes(new Uint8Array(9))).toThrow(/trailing/);
  });
});

describe('OrderedKey.u32 / u16 / u8', () => {
  it('orders and round-trips', () => {
    expect(sortByBytes(OrderedKey.u32, [70000, 3, 65536, 255])).toEqual([3, 255, 65536, 70000]);
    expect(OrderedKey.u32.fromBytes(OrderedKey.u32.toBytes(4294967295))).toBe(4294967295);
    expect(OrderedKey.u16.fromBytes(OrderedKey.u16.toBytes(513))).toBe(513);
    expect(OrderedKey.u8.toBytes(7)).toEqual(new Uint8Array([7]));
  });

  it('refuses non-integers and out-of-range numbers', () => {
    expect(() => OrderedKey.u32.toBytes(2 ** 32)).toThrow(RangeError);
    expect(() => OrderedKey.u16.toBytes(1.5)).toThrow(RangeError);
    expect(() => OrderedKey.u8.toBytes(-1)).toThrow(RangeError);
  });
});

describe('OrderedKey.principal and text', () => {
  it('round-trips principals, including the anonymous one', () => {
    for (const principal of [alice, anonymous, user]) {
      expect(OrderedKey.principal.fromBytes(OrderedKey.principal.toBytes(principal)).toText()).toBe(principal.toText());
    }
  });

  it('round-trips text with multi-byte characters', () => {
    expect(OrderedKey.text.fromBytes(OrderedKey.text.toBytes('état ⚡ 電池'))).toBe('état ⚡ 電池');
  });

  it('orders text by byte length first', () => {
    expect(sortByBytes(OrderedKey.text, ['bb', 'a', 'ab', 'c'])).toEqual(['a', 'c', 'ab', 'bb']);
  });
});

describe('OrderedKey.tuple', () => {
  const key = OrderedKey.tuple(OrderedKey.principal, OrderedKey.u64);

  it('groups by the first part and orders by the second within a group', () => {
    const keys: Array<[Principal, bigint]> = [
      [alice, 10n],
      [anonymous, 2n],
      [alice, 2n],
      [alice, 300n],
      [anonymous, 1n]
    ];
    const sorted = sortByBytes(key, keys).map(([p, n]) => `${p.toText()}:${n}`);
    const aliceRun = sorted.filter((entry) => entry.startsWith(alice.toText()));
    expect(aliceRun).toEqual([`${alice.toText()}:2`, `${alice.toText()}:10`, `${alice.toText()}:300`]);
    const firstAlice = sorted.indexOf(aliceRun[0] as string);
    expect(sorted.slice(firstAlice, firstAlice + 3)).toEqual(aliceRun);
  });

  it('round-trips and reads parts at offsets', () => {
    const bytes = key.toBytes([user, 42n]);
    const [principal, seq] = key.fromBytes(bytes);
    expect(principal.toText()).toBe(user.toText());
    expect(seq).toBe(42n);
  });

  it('nests: (u8, text, u32)', () => {
    const nested = OrderedKey.tuple(OrderedKey.u8, OrderedKey.text, OrderedKey.u32);
    expect(nested.fromBytes(nested.toBytes([3, 'x', 9]))).toEqual([3, 'x', 9]);
  });
});
