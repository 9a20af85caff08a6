import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { hashOfMap, requestIdOf, unsignedLeb128 } from '../../src/http/representation-hash.js';

describe('representation-independent hashing', () => {
  it('computes the request id of the interface spec\'s example call', () => {
    const content = {
      request_type: 'call',
      sender: Uint8Array.of(0x04),
      ingress_expiry: 1685570400000000000n,
      canister_id: hexToBytes('00000000000004d2'),
      method_name: 'hello',
      // "DIDL\x00\xFD*" as raw bytes (0xFD is not UTF-8 text).
      arg: Uint8Array.from([...'DIDL'].map((c) => c.charCodeAt(0)).concat(0x00, 0xfd, 0x2a)),
    };
    expect(bytesToHex(requestIdOf(content))).toBe('1d1091364d6bb8a6c16b203ee75467d59ead468f523eb058880ae8ec80e2b101');
  });

  it('hashes a nat the same whether the CBOR decoder gave a number or a bigint', () => {
    expect(hashOfMap({ n: 624485 })).toEqual(hashOfMap({ n: 624485n }));
    expect(unsignedLeb128(624485n)).toEqual(Uint8Array.of(0xe5, 0x8e, 0x26));
    expect(unsignedLeb128(0n)).toEqual(Uint8Array.of(0));
  });

  it('omits absent fields, hashes nested maps recursively and arrays by their elements', () => {
    expect(hashOfMap({ a: 'x', b: undefined })).toEqual(hashOfMap({ a: 'x' }));
    const nested = hashOfMap({ reply: { arg: new TextEncoder().encode('DIDL\x00\x00') } });
    expect(nested).toHaveLength(32);
    expect(hashOfMap({ paths: [[Uint8Array.of(1)], [Uint8Array.of(2)]] })).not.toEqual(hashOfMap({ paths: [[Uint8Array.of(2)], [Uint8Array.of(1)]] }));
  });

  it('refuses values the spec gives no hash for', () => {
    expect(() => hashOfMap({ flag: true })).toThrow(TypeError);
    expect(() => hashOfMap({ nothing: null })).toThrow(TypeError);
  });
});
