/**
 * ICRC-3 on the leasing canister's real wasm: one block per ICRC-7/37 transaction with the schema of each block
 * type, the phash chain checked with an independent hash implementation, icrc3_get_blocks ranges, and the tip
 * certificate verified against localnet's root key.
 */
import { Certificate, Cbor, lookup_path, lookupResultToBuffer, reconstruct, type HashTree } from '@dfinity/agent';
import { startHttpServer, type HttpServer } from 'localnet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { account, type LeasingFixture, newIdentity, okOf, startLeasing } from './support/fixture';
import { field, hashValue, hex, leb128, type Value } from './support/icrc3-verify';

describe('leasing: ICRC-3 block log', () => {
  let fx: LeasingFixture;
  const operator = newIdentity();
  const alice = newIdentity();
  const bob = newIdentity();
  const memo = Uint8Array.of(7, 7, 7);

  const accountValue = (who: typeof alice): Value => ({ Array: [{ Blob: who.getPrincipal().toUint8Array() }] });
  const allBlocks = async (): Promise<Value[]> => {
    const { log_length } = await fx.leasing().icrc3_get_blocks([]);
    const blocks: Value[] = [];
    for (let start = 0n; start < log_length; start += 100n) {
      const page = await fx.leasing().icrc3_get_blocks([{ start, length: 100n }]);
      blocks.push(...page.blocks.map((b) => b.block));
    }
    return blocks;
  };
  const tx = (block: Value) => field(block, 'tx')!;

  beforeAll(async () => {
    fx = await startLeasing();
    await fx.grant(operator, { fleet_operator: null });
    // One transaction of every block type.
    const token = await fx.register(operator, 'LOG-1', { owner: [account(alice)] });
    const createdAt = fx.net.now();
    const spender = { owner: bob.getPrincipal(), subaccount: [] as [] };
    const info = { spender, from_subaccount: [] as [], expires_at: [createdAt + 10n ** 12n] as [bigint], memo: [memo] as [Uint8Array], created_at_time: createdAt };
    okOf((await fx.leasing(alice).icrc37_approve_tokens([{ token_id: token, approval_info: info }]))[0]![0]!);
    okOf((await fx.leasing(alice).icrc37_approve_collection([{ approval_info: info }]))[0]![0]!);
    okOf((await fx.leasing(alice).icrc37_revoke_token_approvals([{ token_id: token, spender: [spender], from_subaccount: [], memo: [], created_at_time: [] }]))[0]![0]!);
    okOf((await fx.leasing(bob).icrc37_transfer_from([{ token_id: token, from: account(alice), to: account(bob), spender_subaccount: [], memo: [], created_at_time: [] }]))[0]![0]!);
    okOf((await fx.leasing(alice).icrc37_revoke_collection_approvals([{ spender: [], from_subaccount: [], memo: [], created_at_time: [] }]))[0]![0]!);
    okOf((await fx.leasing(bob).icrc7_transfer([{ token_id: token, to: account(alice), from_subaccount: [], memo: [memo], created_at_time: [createdAt] }]))[0]![0]!);
    okOf(await fx.leasing().update_battery_state(token, { cycle_count: [100], state_of_health_bp: [9_000] }));
    okOf(await fx.leasing(alice).decommission_battery(token, []));
  });
  afterAll(() => fx?.net.stop());

  it('lists exactly the block types it writes', async () => {
    const types = (await fx.leasing().icrc3_supported_block_types()).map((t) => t.block_type).sort();
    expect(types).toEqual(['37approve', '37approve_coll', '37revoke', '37revoke_coll', '37xfer', '7burn', '7mint', '7update_token', '7xfer']);
    const blocks = await allBlocks();
    for (const block of blocks) expect(types).toContain((field(block, 'btype') as { Text: string }).Text);
  });

  it('writes one block per transaction with the fields of its schema', async () => {
    const blocks = await allBlocks();
    expect(blocks.map((b) => (field(b, 'btype') as { Text: string }).Text)).toEqual([
      '7mint', '37approve', '37approve_coll', '37revoke', '37xfer', '37revoke_coll', '7xfer', '7update_token', '7burn',
    ]);
    for (const block of blocks) expect(field(block, 'ts')).toEqual({ Nat: expect.any(BigInt) });
    const [mint, approve, approveColl, revoke, xferFrom, revokeColl, xfer, update, burn] = blocks.map(tx) as Value[];
    expect(field(mint!, 'tid')).toEqual({ Nat: 1n });
    expect(field(mint!, 'to')).toEqual(accountValue(alice));
    const meta = field(mint!, 'meta')!;
    expect(field(field(meta, 'icrc7:token_metadata')!, 'chargex:serial')).toEqual({ Text: 'LOG-1' });
    expect(field(approve!, 'spender')).toEqual(accountValue(bob));
    expect(field(approve!, 'exp')).toEqual({ Nat: expect.any(BigInt) });
    expect(field(approve!, 'memo')).toEqual({ Blob: memo });
    expect(field(approve!, 'ts')).toEqual({ Nat: expect.any(BigInt) });
    expect(field(approveColl!, 'tid')).toBeUndefined();
    expect(field(revoke!, 'spender')).toEqual(accountValue(bob));
    expect([field(xferFrom!, 'spender'), field(xferFrom!, 'from'), field(xferFrom!, 'to')]).toEqual([accountValue(bob), accountValue(alice), accountValue(bob)]);
    expect(field(revokeColl!, 'spender')).toBeUndefined();
    expect([field(xfer!, 'from'), field(xfer!, 'to'), field(xfer!, 'memo')]).toEqual([accountValue(bob), accountValue(alice), { Blob: memo }]);
    expect(field(field(field(update!, 'meta')!, 'icrc7:token_metadata')!, 'chargex:cycle_count')).toEqual({ Nat: 100n });
    expect(field(burn!, 'from')).toEqual(accountValue(alice));
  });

  it('chains every block to the hash of the one before', async () => {
    const blocks = await allBlocks();
    expect(field(blocks[0]!, 'phash')).toBeUndefined();
    for (let i = 1; i < blocks.length; i++) {
      const phash = field(blocks[i]!, 'phash') as { Blob: Uint8Array };
      expect(hex(phash.Blob)).toBe(hex(hashValue(blocks[i - 1]!)));
    }
  });

  it('hashes values as the ICRC-3 test vectors say (checks the checker)', () => {
    expect(hex(hashValue({ Nat: 42n }))).toBe('684888c0ebb17f374298b65ee2807526c066094c701bcc7ebbe1c1095f494fc1');
    expect(hex(hashValue({ Int: -42n }))).toBe('de5a6f78116eca62d7fc5ce159d23ae6b889b365a1739ad2cf36f925a140d0cc');
    expect(hex(hashValue({ Array: [{ Nat: 3n }, { Text: 'foo' }, { Blob: Uint8Array.of(5, 6) }] }))).toBe(
      '514a04011caa503990d446b7dec5d79e19c221ae607fb08b2848c67734d468d6',
    );
  });

  it('answers block ranges, stopping at the end of the log and at 100 blocks per call', async () => {
    const { log_length } = await fx.leasing().icrc3_get_blocks([]);
    const result = await fx.leasing().icrc3_get_blocks([{ start: 1n, length: 2n }, { start: 7n, length: 50n }, { start: 500n, length: 1n }]);
    expect(result.log_length).toBe(log_length);
    expect(result.blocks.map((b) => b.id)).toEqual([1n, 2n, 7n, 8n]);
    expect(result.archived_blocks).toEqual([]);
    expect(await fx.leasing().icrc3_get_archives({ from: [] })).toEqual([]);
    // Without the HTTP interface localnet hands queries no data certificate, so there is no tip certificate yet.
    expect(await fx.leasing().icrc3_get_tip_certificate()).toEqual([]);
    for (let i = 0; i < 95; i++) await fx.register(operator, `LOG-${i + 2}`);
    expect((await fx.leasing().icrc3_get_blocks([{ start: 0n, length: 150n }])).blocks).toHaveLength(100);
    expect((await fx.leasing().icrc3_get_blocks([{ start: 0n, length: 60n }, { start: 60n, length: 60n }])).blocks).toHaveLength(100);
  });

  describe('tip certificate', () => {
    let server: HttpServer;
    beforeAll(async () => {
      server = await startHttpServer(fx.net, { port: 0 });
    });
    afterAll(() => server?.close());

    it('certifies the index and hash of the newest block under localnet\'s root key', async () => {
      const [tip] = await fx.leasing().icrc3_get_tip_certificate();
      expect(tip).toBeDefined();
      const certificate = await Certificate.create({ certificate: Uint8Array.from(tip!.certificate), rootKey: server.rootKey, canisterId: fx.ids.leasing! });
      const certified = lookupResultToBuffer(certificate.lookup_path(['canister', fx.ids.leasing!.toUint8Array(), 'certified_data']));
      const tree = Cbor.decode<HashTree>(Uint8Array.from(tip!.hash_tree));
      expect(hex(certified!)).toBe(hex(await reconstruct(tree)));
      const { log_length } = await fx.leasing().icrc3_get_blocks([]);
      const { blocks } = await fx.leasing().icrc3_get_blocks([{ start: log_length - 1n, length: 1n }]);
      expect(hex(lookupResultToBuffer(lookup_path(['last_block_index'], tree))!)).toBe(hex(leb128(log_length - 1n)));
      expect(hex(lookupResultToBuffer(lookup_path(['last_block_hash'], tree))!)).toBe(hex(hashValue(blocks[0]!.block)));
    });
  });
});
