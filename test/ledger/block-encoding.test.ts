/**
 * Unit tests of the ledger's pure block modules: the compact stored form round-trips every block shape, and a
 * block hashes the same whether or not its transaction hash is reused (the ICRC-3 hash itself is tested in
 * packages/common).
 */
import { hashValue } from '@chargex/common';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { blockHash, blockValue, type LedgerBlock, transactionHash } from '../../canisters/ledger/src/blocks/block';
import { blockCodec } from '../../canisters/ledger/src/blocks/block_codec';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const owner = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
const selfAuthenticating = Principal.selfAuthenticating(new Uint8Array(44).fill(3));

const SHAPES: LedgerBlock[] = [
  { btype: '1mint', ts: 1n, tx: { amt: 0n, to: { owner, subaccount: undefined } } },
  {
    btype: '1xfer',
    ts: 1_700_000_000_000_000_000n,
    phash: new Uint8Array(32).fill(0xab),
    fee: 10n,
    tx: { amt: 123_456_789n, from: { owner: selfAuthenticating, subaccount: new Uint8Array(32) }, to: { owner, subaccount: undefined } },
  },
  {
    btype: '2approve',
    ts: 2n,
    phash: new Uint8Array(32).fill(1),
    tx: {
      amt: (1n << 64n) - 1n,
      from: { owner, subaccount: new Uint8Array(32).fill(9) },
      spender: { owner: selfAuthenticating, subaccount: undefined },
      fee: 10n,
      memo: new Uint8Array(32).fill(7),
      ts: 3n,
      expected_allowance: 0n,
      expires_at: (1n << 64n) - 1n,
    },
  },
  { btype: '2xfer', ts: 4n, phash: new Uint8Array(32), fee: 10n, tx: { amt: 1n, from: { owner, subaccount: undefined }, to: { owner, subaccount: undefined }, spender: { owner: selfAuthenticating, subaccount: undefined }, memo: new Uint8Array(0) } },
  { btype: '1burn', ts: 5n, phash: new Uint8Array(32), tx: { amt: 10n, from: { owner, subaccount: undefined }, ts: 6n } },
];

describe('ledger block encoding', () => {
  it('round-trips every block shape through the stored form', () => {
    for (const block of SHAPES) {
      expect(blockCodec.fromBytes(blockCodec.toBytes(block))).toEqual(block);
    }
  });

  it('stores a plain transfer between self-authenticating principals in about a hundred bytes', () => {
    const transfer: LedgerBlock = {
      btype: '1xfer',
      ts: 1_700_000_000_000_000_000n,
      phash: new Uint8Array(32),
      fee: 10n,
      tx: { amt: 100_000n, from: { owner: selfAuthenticating, subaccount: undefined }, to: { owner: selfAuthenticating, subaccount: undefined } },
    };
    expect(blockCodec.toBytes(transfer).length).toBe(1 + 2 + 8 + 32 + 1 + 3 + 2 * 30);
  });

  it('refuses stored bytes that are cut short or too long', () => {
    const bytes = blockCodec.toBytes(SHAPES[1]!);
    expect(() => blockCodec.fromBytes(bytes.slice(0, -1))).toThrow();
    expect(() => blockCodec.fromBytes(Uint8Array.of(...bytes, 0))).toThrow();
  });

  it('gives the same block hash with the reused transaction hash as by hashing the whole value', () => {
    for (const block of SHAPES) {
      expect(hex(blockHash(block, transactionHash(block.tx)))).toBe(hex(hashValue(blockValue(block))));
    }
  });
});
