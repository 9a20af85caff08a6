/**
 * ICRC-3 on the ledger's real wasm: every transaction is a block of the documented schema (1mint, 1burn, 1xfer,
 * 2approve, 2xfer), the phash chain and the certified tip are recomputed here with an independent implementation
 * of the ICRC-3 hash, the tip certificate is verified against localnet's root key, and get_blocks serves ranges.
 */
import { Cbor, Certificate, type HashTree, lookup_path, lookupResultToBuffer, reconstruct } from '@dfinity/agent';
import { startHttpServer } from 'localnet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { icrc3Hash, sleb, tipTreeRoot, uleb } from './support/icrc3-hash';
import {
  account,
  approveArg,
  FEE,
  type Icrc3Value,
  type LedgerFixture,
  newIdentity,
  okOf,
  startLedger,
  subaccount,
  transferArg,
  transferFromArg,
} from './support/ledger-fixture';

type Fields = Record<string, Icrc3Value>;

/** A Map value as an object, to compare fields regardless of order. */
function fields(value: Icrc3Value): Fields {
  if (!('Map' in value)) throw new Error(`expected a Map, got ${Object.keys(value)[0]}`);
  return Object.fromEntries(value.Map);
}

/** The ICRC-3 form of an account: [owner] or [owner, subaccount]. */
const accountValue = (owner: { getPrincipal(): { toUint8Array(): Uint8Array } }, sub?: Uint8Array): Icrc3Value => ({
  Array: [{ Blob: owner.getPrincipal().toUint8Array() }, ...(sub ? [{ Blob: sub }] : [])],
});

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('ledger: ICRC-3', () => {
  describe('the test\'s own hash implementation', () => {
    it('matches the ICRC-3 test vectors', () => {
      expect(hex(icrc3Hash({ Nat: 42n }))).toBe('684888c0ebb17f374298b65ee2807526c066094c701bcc7ebbe1c1095f494fc1');
      expect(hex(icrc3Hash({ Int: -42n }))).toBe('de5a6f78116eca62d7fc5ce159d23ae6b889b365a1739ad2cf36f925a140d0cc');
      expect(hex(icrc3Hash({ Text: 'Hello, World!' }))).toBe('dffd6021bb2bd5b0af676290809ec3a53191dd81c7f70a4b28688a362182986f');
      expect(hex(icrc3Hash({ Blob: Uint8Array.of(1, 2, 3, 4) }))).toBe('9f64a747e1b97f131fabb6b447296c9b6f0201e79fb3c5356e6c77e89b6a806a');
      expect(hex(icrc3Hash({ Array: [{ Nat: 3n }, { Text: 'foo' }, { Blob: Uint8Array.of(5, 6) }] }))).toBe(
        '514a04011caa503990d446b7dec5d79e19c221ae607fb08b2848c67734d468d6',
      );
      const from = Buffer.from('00abcdef0012340056789a00bcdef000012345678900abcdef01', 'hex');
      const to = Buffer.from('00ab0def0012340056789a00bcdef000012345678900abcdef01', 'hex');
      const map: Icrc3Value = {
        Map: [
          ['from', { Blob: from }],
          ['to', { Blob: to }],
          ['amount', { Nat: 42n }],
          ['created_at', { Nat: 1699218263n }],
          ['memo', { Nat: 0n }],
        ],
      };
      expect(hex(icrc3Hash(map))).toBe('c56ece650e1de4269c5bdeff7875949e3e2033f85b2d193c2ff4f7f78bdcfc75');
      expect(hex(uleb(624485n))).toBe('e58e26');
      expect(hex(sleb(-123456n))).toBe('c0bb78');
    });
  });

  describe('blocks', () => {
    let ledger: LedgerFixture;
    const minter = newIdentity();
    const alice = newIdentity();
    const bob = newIdentity();
    const carol = newIdentity();
    const leasing = newIdentity();
    let blocks: Icrc3Value[];
    let createdAt: bigint;
    let expiresAt: bigint;
    const memo = Uint8Array.of(1, 2, 3);

    beforeAll(async () => {
      ledger = await startLedger({ minting_account: account(minter), initial_balances: [[account(alice), 1_000_000n]] });
      createdAt = ledger.net.now();
      expiresAt = createdAt + 3_600_000_000_000n;
      okOf(await ledger.as(alice).icrc1_transfer(transferArg(account(bob), 1_000n)));
      okOf(
        await ledger
          .as(alice)
          .icrc1_transfer(transferArg(account(bob, subaccount(0)), 5n, { from_subaccount: [subaccount(0)], fee: [FEE], memo: [memo], created_at_time: [createdAt] })),
      );
      okOf(await ledger.as(minter).icrc1_transfer(transferArg(account(carol), 777n, { memo: [memo], created_at_time: [createdAt] })));
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(leasing, subaccount(4)), 5_000n, { expected_allowance: [0n], expires_at: [expiresAt] })));
      okOf(await ledger.as(leasing).icrc2_transfer_from(transferFromArg(account(alice), account(carol), 100n, { spender_subaccount: [subaccount(4)] })));
      okOf(await ledger.as(carol).icrc1_transfer(transferArg(account(minter), 50n)));
      okOf(await ledger.as(leasing).icrc2_transfer_from(transferFromArg(account(alice), account(minter), 20n, { spender_subaccount: [subaccount(4)] })));
      const reply = await ledger.controller().icrc3_get_blocks([{ start: 0n, length: 100n }]);
      expect(reply.log_length).toBe(8n);
      expect(reply.blocks.map((b) => b.id)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n]);
      blocks = reply.blocks.map((b) => b.block);
    });
    afterAll(() => ledger?.net.stop());

    it('chains every block to its parent: phash is the ICRC-3 hash of the previous block, none on block 0', () => {
      expect(fields(blocks[0]!).phash).toBeUndefined();
      for (let i = 1; i < blocks.length; i++) {
        expect(fields(blocks[i]!).phash).toEqual({ Blob: new Uint8Array(icrc3Hash(blocks[i - 1]!)) });
      }
    });

    it('stamps every block with the ledger time and a supported btype', async () => {
      const types = (await ledger.controller().icrc3_supported_block_types()).map((t) => t.block_type);
      expect(types.sort()).toEqual(['1burn', '1mint', '1xfer', '2approve', '2xfer']);
      for (const block of blocks) {
        const { btype, ts } = fields(block);
        expect(types).toContain((btype as { Text: string }).Text);
        expect(ts).toEqual({ Nat: createdAt });
      }
    });

    it('records a mint with its recipient and amount, without a fee', () => {
      expect(fields(blocks[0]!).btype).toEqual({ Text: '1mint' });
      expect(fields(blocks[0]!).fee).toBeUndefined();
      expect(fields(fields(blocks[0]!).tx!)).toEqual({ amt: { Nat: 1_000_000n }, to: accountValue(alice) });
      expect(fields(fields(blocks[3]!).tx!)).toEqual({ amt: { Nat: 777n }, to: accountValue(carol), memo: { Blob: memo }, ts: { Nat: createdAt } });
    });

    it('records the ledger\'s fee at top level when the request set none, and the user\'s fee in tx otherwise', () => {
      const implicit = fields(blocks[1]!);
      expect(implicit.btype).toEqual({ Text: '1xfer' });
      expect(implicit.fee).toEqual({ Nat: FEE });
      expect(fields(implicit.tx!)).toEqual({ amt: { Nat: 1_000n }, from: accountValue(alice), to: accountValue(bob) });

      const explicit = fields(blocks[2]!);
      expect(explicit.fee).toBeUndefined();
      expect(fields(explicit.tx!)).toEqual({
        amt: { Nat: 5n },
        fee: { Nat: FEE },
        from: accountValue(alice, subaccount(0)),
        to: accountValue(bob, subaccount(0)),
        memo: { Blob: memo },
        ts: { Nat: createdAt },
      });
    });

    it('records an approval with spender, expected allowance and expiry', () => {
      const approval = fields(blocks[4]!);
      expect(approval.btype).toEqual({ Text: '2approve' });
      expect(approval.fee).toEqual({ Nat: FEE });
      expect(fields(approval.tx!)).toEqual({
        amt: { Nat: 5_000n },
        from: accountValue(alice),
        spender: accountValue(leasing, subaccount(4)),
        expected_allowance: { Nat: 0n },
        expires_at: { Nat: expiresAt },
      });
    });

    it('records transfer_from as 2xfer with the spender, and burns (direct or delegated) as 1burn', () => {
      const pulled = fields(blocks[5]!);
      expect(pulled.btype).toEqual({ Text: '2xfer' });
      expect(pulled.fee).toEqual({ Nat: FEE });
      expect(fields(pulled.tx!)).toEqual({
        amt: { Nat: 100n },
        from: accountValue(alice),
        to: accountValue(carol),
        spender: accountValue(leasing, subaccount(4)),
      });
      expect(fields(blocks[6]!).btype).toEqual({ Text: '1burn' });
      expect(fields(blocks[6]!).fee).toBeUndefined();
      expect(fields(fields(blocks[6]!).tx!)).toEqual({ amt: { Nat: 50n }, from: accountValue(carol) });
      expect(fields(fields(blocks[7]!).tx!)).toEqual({
        amt: { Nat: 20n },
        from: accountValue(alice),
        spender: accountValue(leasing, subaccount(4)),
      });
    });

    it('certifies the tip: certified data is the root of { last_block_hash, last_block_index }', () => {
      const certified = ledger.net.replica.getCanister(ledger.id)!.certifiedData;
      const tip = { index: BigInt(blocks.length - 1), hash: icrc3Hash(blocks[blocks.length - 1]!) };
      expect(Buffer.from(certified).equals(tipTreeRoot(tip))).toBe(true);
    });

    it('serves no tip certificate to a replicated query, and a verifiable one when the replica certifies', async () => {
      expect(await ledger.controller().icrc3_get_tip_certificate()).toEqual([]);
      const server = await startHttpServer(ledger.net, { port: 0 });
      try {
        const [reply] = await ledger.controller().icrc3_get_tip_certificate();
        const certificate = await Certificate.create({ certificate: reply!.certificate, rootKey: server.rootKey, canisterId: ledger.id });
        const tree = Cbor.decode<HashTree>(reply!.hash_tree);
        const certified = lookupResultToBuffer(certificate.lookup_path(['canister', ledger.id.toUint8Array(), 'certified_data']));
        expect(certified).toEqual(await reconstruct(tree));
        const last = blocks[blocks.length - 1]!;
        expect(lookupResultToBuffer(lookup_path(['last_block_index'], tree))).toEqual(new Uint8Array(uleb(BigInt(blocks.length - 1))));
        expect(lookupResultToBuffer(lookup_path(['last_block_hash'], tree))).toEqual(new Uint8Array(icrc3Hash(last)));
      } finally {
        await server.close();
      }
    });

    it('serves requested ranges clipped to the log, in request order, and no archives', async () => {
      const reply = await ledger.controller().icrc3_get_blocks([
        { start: 6n, length: 100n },
        { start: 2n, length: 2n },
        { start: 100n, length: 5n },
        { start: 0n, length: 0n },
        { start: 1n << 70n, length: 1n << 70n },
      ]);
      expect(reply.log_length).toBe(8n);
      expect(reply.blocks.map((b) => b.id)).toEqual([6n, 7n, 2n, 3n]);
      expect(reply.blocks[2]!.block).toEqual(blocks[2]);
      expect(reply.archived_blocks).toEqual([]);
      expect(await ledger.controller().icrc3_get_archives({ from: [] })).toEqual([]);
    });

    it('keeps the chain intact as blocks keep coming', async () => {
      for (let i = 0; i < 30; i++) okOf(await ledger.as(alice).icrc1_transfer(transferArg(account(bob), BigInt(i))));
      const all = (await ledger.controller().icrc3_get_blocks([{ start: 0n, length: 1_000n }])).blocks.map((b) => b.block);
      expect(all).toHaveLength(38);
      expect(all.slice(0, 8)).toEqual(blocks);
      for (let i = 1; i < all.length; i++) expect(fields(all[i]!).phash).toEqual({ Blob: new Uint8Array(icrc3Hash(all[i - 1]!)) });
      const certified = ledger.net.replica.getCanister(ledger.id)!.certifiedData;
      expect(Buffer.from(certified).equals(tipTreeRoot({ index: 37n, hash: icrc3Hash(all[37]!) }))).toBe(true);
    });
  });

  describe('an empty log', () => {
    it('has no blocks and certifies the empty tree', async () => {
      const ledger = await startLedger(null);
      try {
        expect((await ledger.controller().icrc3_get_blocks([{ start: 0n, length: 10n }])).log_length).toBe(0n);
        const certified = ledger.net.replica.getCanister(ledger.id)!.certifiedData;
        expect(Buffer.from(certified).equals(tipTreeRoot(undefined))).toBe(true);
      } finally {
        await ledger.net.stop();
      }
    });
  });
});
