import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { assetCanisterIdl, installAssetCanister, LocalNet, RejectCode } from 'localnet';
import { writeSite, type SiteFile } from './support/site.js';
import { loadUploaderIdl, storeLikeAssetManager, UPLOADER_CHUNK_BYTES, type UploaderActor } from './support/uploader-calls.js';

type Opt<T> = [] | [T];
type Permission = { Commit: null } | { Prepare: null } | { ManagePermissions: null };

/** The asset canister's methods these tests call beyond the uploader's, typed loosely. */
interface AssetActor extends UploaderActor {
  api_version(): Promise<number>;
  create_chunks(arg: { batch_id: bigint; content: Uint8Array[] }): Promise<{ chunk_ids: bigint[] }>;
  commit_batch(arg: { batch_id: bigint; operations: unknown[] }): Promise<void>;
  propose_commit_batch(arg: { batch_id: bigint; operations: unknown[] }): Promise<void>;
  compute_evidence(arg: { batch_id: bigint; max_iterations: Opt<number> }): Promise<Opt<Uint8Array>>;
  commit_proposed_batch(arg: { batch_id: bigint; evidence: Uint8Array }): Promise<void>;
  validate_commit_proposed_batch(arg: { batch_id: bigint; evidence: Uint8Array }): Promise<{ Ok: string } | { Err: string }>;
  delete_batch(arg: { batch_id: bigint }): Promise<void>;
  retrieve(key: string): Promise<Uint8Array>;
  get_asset_properties(key: string): Promise<{ max_age: Opt<bigint>; headers: Opt<[string, string][]>; is_aliased: Opt<boolean> }>;
  authorize(principal: Principal): Promise<void>;
  deauthorize(principal: Principal): Promise<void>;
  list_authorized(): Promise<Principal[]>;
  grant_permission(arg: { to_principal: Principal; permission: Permission }): Promise<void>;
  revoke_permission(arg: { of_principal: Principal; permission: Permission }): Promise<void>;
  list_permitted(arg: { permission: Permission }): Promise<Principal[]>;
  take_ownership(): Promise<void>;
  configure(arg: { max_batches: Opt<Opt<bigint>>; max_chunks: Opt<Opt<bigint>>; max_bytes: Opt<Opt<bigint>> }): Promise<void>;
}

const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());
const createAsset = (key: string, contentType = 'text/plain') => ({
  CreateAsset: { key, content_type: contentType, max_age: [], headers: [], enable_aliasing: [], allow_raw_access: [] },
});
const setContent = (key: string, chunkIds: bigint[], lastChunk?: Uint8Array) => ({
  SetAssetContent: { key, content_encoding: 'identity', chunk_ids: chunkIds, last_chunk: lastChunk ? [lastChunk] : [], sha256: [] },
});

describe('built-in asset canister, called in-process with the candid the uploader sends', () => {
  let net: LocalNet;
  let id: Principal;
  let site: { files: SiteFile[] };
  let uploader: UploaderActor;
  let admin: AssetActor;

  beforeAll(async () => {
    net = await LocalNet.create({ clock: 'manual' });
    id = await installAssetCanister(net);
    uploader = net.createActor<UploaderActor>(await loadUploaderIdl(), id);
    admin = net.createActor<AssetActor>(assetCanisterIdl, id);
    site = writeSite();
    for (const file of site.files) await storeLikeAssetManager(uploader, file);
  });
  afterAll(() => net.stop());

  it('stores small files in one call and large ones in chunks, and lists them', async () => {
    const listed = await uploader.list({});
    expect(listed.map((asset) => asset.key)).toEqual(site.files.map((file) => file.key).sort());
    const big = listed.find((asset) => asset.key === '/data/big.bin')!;
    expect(big.encodings).toEqual([expect.objectContaining({ content_encoding: 'identity', length: BigInt(site.files[4]!.bytes.length) })]);
    expect(await admin.api_version()).toBe(2);
  });

  it('reads a large asset back with get and get_chunk, as AssetManager.get().toUint8Array() does', async () => {
    const file = site.files.find((candidate) => candidate.key === '/data/big.bin')!;
    const first = await uploader.get({ key: file.key, accept_encodings: ['identity'] });
    expect(first.total_length).toBe(BigInt(file.bytes.length));
    expect(first.sha256[0]).toEqual(sha256(file.bytes));
    const chunkSize = first.content.length;
    const parts = [first.content];
    for (let index = 1; index < Math.ceil(file.bytes.length / chunkSize); index++) {
      parts.push((await uploader.get_chunk({ key: file.key, content_encoding: 'identity', index: BigInt(index), sha256: first.sha256 })).content);
    }
    expect(Buffer.concat(parts).equals(file.bytes)).toBe(true);
    expect(chunkSize).toBeLessThanOrEqual(UPLOADER_CHUNK_BYTES);
  });

  it('rejects a wrong sha256 and an unknown key with trap messages', async () => {
    const content = Buffer.from('checked');
    await expect(
      uploader.store({ key: '/bad.txt', content, content_type: 'text/plain', sha256: [sha256(Buffer.from('other'))], content_encoding: 'identity' }),
    ).rejects.toMatchObject({ rejectCode: RejectCode.CanisterError, rejectMessage: expect.stringContaining('sha256 mismatch') });
    await expect(uploader.get({ key: '/missing', accept_encodings: ['identity'] })).rejects.toMatchObject({
      rejectMessage: expect.stringContaining('asset not found'),
    });
    expect(Buffer.from(await admin.retrieve('/about')).toString()).toBe('<h1>about</h1>');
  });

  it('commits a batch all or nothing', async () => {
    const { batch_id } = await admin.create_batch({});
    const { chunk_ids } = await admin.create_chunks({ batch_id, content: [Buffer.from('hello '), Buffer.from('world')] });
    await expect(
      admin.commit_batch({
        batch_id,
        // Re-creating an existing asset is allowed only with its own content type (as dfx's asset canister does).
        operations: [createAsset('/atomic.txt'), setContent('/atomic.txt', chunk_ids), createAsset('/index.html', 'image/png')],
      }),
    ).rejects.toMatchObject({ rejectMessage: expect.stringContaining('content type mismatch') });
    await expect(admin.retrieve('/atomic.txt')).rejects.toMatchObject({ rejectMessage: expect.stringContaining('asset not found') });

    await admin.commit_batch({
      batch_id,
      operations: [createAsset('/atomic.txt'), setContent('/atomic.txt', chunk_ids, Buffer.from('!'))],
    });
    expect(Buffer.from(await admin.retrieve('/atomic.txt')).toString()).toBe('hello world!');
  });

  it('commits a proposed batch only with the evidence it computed', async () => {
    const { batch_id } = await admin.create_batch({});
    const { chunk_ids } = await admin.create_chunks({ batch_id, content: [Buffer.from('proposed')] });
    await admin.propose_commit_batch({ batch_id, operations: [createAsset('/proposed.txt'), setContent('/proposed.txt', chunk_ids)] });
    await expect(admin.create_batch({})).rejects.toMatchObject({ rejectMessage: expect.stringContaining('has not completed evidence computation') });
    const [evidence] = await admin.compute_evidence({ batch_id, max_iterations: [] });
    expect(evidence).toHaveLength(32);
    expect(await admin.validate_commit_proposed_batch({ batch_id, evidence: new Uint8Array(32) })).toHaveProperty('Err');
    await expect(admin.commit_proposed_batch({ batch_id, evidence: new Uint8Array(32) })).rejects.toMatchObject({
      rejectMessage: expect.stringContaining('does not match presented evidence'),
    });
    await admin.commit_proposed_batch({ batch_id, evidence: evidence! });
    expect(Buffer.from(await admin.retrieve('/proposed.txt')).toString()).toBe('proposed');

    const dropped = await admin.create_batch({});
    await admin.delete_batch(dropped);
    await expect(admin.create_chunk({ batch_id: dropped.batch_id, content: Buffer.from('late') })).rejects.toMatchObject({
      rejectMessage: expect.stringContaining('batch not found'),
    });
  });

  it('applies SetAssetProperties, UnsetAssetContent and DeleteAsset', async () => {
    const { batch_id } = await admin.create_batch({});
    await admin.commit_batch({
      batch_id,
      operations: [
        createAsset('/props.txt'),
        setContent('/props.txt', [], Buffer.from('p')),
        { SetAssetProperties: { key: '/props.txt', max_age: [[3600n]], headers: [[[['X-Frame-Options', 'DENY']]]], allow_raw_access: [], is_aliased: [[false]] } },
      ],
    });
    expect(await admin.get_asset_properties('/props.txt')).toMatchObject({ max_age: [3600n], headers: [[['X-Frame-Options', 'DENY']]], is_aliased: [false] });

    const next = await admin.create_batch({});
    await admin.commit_batch({
      batch_id: next.batch_id,
      operations: [{ UnsetAssetContent: { key: '/props.txt', content_encoding: 'identity' } }, { DeleteAsset: { key: '/atomic.txt' } }],
    });
    const keys = (await admin.list({})).map((asset) => asset.key);
    expect(keys).toContain('/props.txt');
    expect(keys).not.toContain('/atomic.txt');
    await expect(admin.retrieve('/props.txt')).rejects.toMatchObject({ rejectMessage: expect.stringContaining('no identity encoding') });
  });

  it('enforces the configured limits', async () => {
    await admin.configure({ max_batches: [], max_chunks: [[1n]], max_bytes: [] });
    const { batch_id } = await admin.create_batch({});
    await expect(admin.create_chunks({ batch_id, content: [Buffer.from('a'), Buffer.from('b')] })).rejects.toMatchObject({
      rejectMessage: expect.stringContaining('chunk limit exceeded'),
    });
    await admin.configure({ max_batches: [], max_chunks: [[]], max_bytes: [] });
    await admin.create_chunks({ batch_id, content: [Buffer.from('a'), Buffer.from('b')] });
  });
});

describe('asset canister permissions', () => {
  let net: LocalNet;
  let id: Principal;
  const stranger = Ed25519KeyIdentity.generate();
  const helper = Ed25519KeyIdentity.generate();
  const as = (identity: Ed25519KeyIdentity) => net.createActor<AssetActor>(assetCanisterIdl, id, { identity });

  beforeAll(async () => {
    net = await LocalNet.create({ clock: 'manual' });
    id = await installAssetCanister(net);
  });
  afterAll(() => net.stop());

  it('lets the controllers commit and lists them as authorized', async () => {
    expect((await net.createActor<AssetActor>(assetCanisterIdl, id).list_authorized()).map(String)).toEqual([net.controller.getPrincipal().toText()]);
  });

  it('refuses strangers and the anonymous principal with a reject (code 4)', async () => {
    const anonymous = net.createActor<AssetActor>(assetCanisterIdl, id, { sender: Principal.anonymous() });
    for (const actor of [as(stranger), anonymous]) {
      await expect(actor.create_batch({})).rejects.toMatchObject({
        rejectCode: RejectCode.CanisterReject,
        rejectMessage: 'Caller does not have Prepare permission',
      });
      await expect(actor.store({ key: '/x', content: new Uint8Array(), content_type: 'text/plain', sha256: [], content_encoding: 'identity' }))
        .rejects.toMatchObject({ rejectMessage: 'Caller does not have Commit permission' });
      await expect(actor.authorize(stranger.getPrincipal())).rejects.toMatchObject({
        rejectMessage: 'Caller does not have ManagePermissions permission and is not a controller.',
      });
      await expect(actor.take_ownership()).rejects.toMatchObject({ rejectMessage: 'Caller is not a controller.' });
    }
    // Reading is for everyone.
    expect(await as(stranger).list({})).toEqual([]);
  });

  it('grants Prepare without Commit, and Commit with authorize', async () => {
    const owner = net.createActor<AssetActor>(assetCanisterIdl, id);
    await owner.grant_permission({ to_principal: helper.getPrincipal(), permission: { Prepare: null } });
    const { batch_id } = await as(helper).create_batch({});
    const { chunk_id } = await as(helper).create_chunk({ batch_id, content: Buffer.from('prepared') });
    const operations = [createAsset('/prepared.txt'), setContent('/prepared.txt', [chunk_id])];
    await expect(as(helper).commit_batch({ batch_id, operations })).rejects.toMatchObject({ rejectMessage: 'Caller does not have Commit permission' });
    expect((await owner.list_permitted({ permission: { Prepare: null } })).map(String)).toEqual([helper.getPrincipal().toText()]);

    await owner.authorize(helper.getPrincipal());
    await as(helper).commit_batch({ batch_id, operations });
    expect(Buffer.from(await owner.retrieve('/prepared.txt')).toString()).toBe('prepared');
  });

  it('lets a principal give up its own permission but not take away another\'s', async () => {
    const owner = net.createActor<AssetActor>(assetCanisterIdl, id);
    await owner.authorize(stranger.getPrincipal());
    await expect(as(helper).deauthorize(stranger.getPrincipal())).rejects.toMatchObject({ rejectMessage: 'Caller is not a controller.' });
    await as(helper).deauthorize(helper.getPrincipal());
    await as(helper).revoke_permission({ of_principal: helper.getPrincipal(), permission: { Prepare: null } });
    await expect(as(helper).create_batch({})).rejects.toMatchObject({ rejectCode: RejectCode.CanisterReject });
    await owner.take_ownership();
    expect((await owner.list_authorized()).map(String)).toEqual([net.controller.getPrincipal().toText()]);
  });
});
