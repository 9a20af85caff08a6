import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { assetCanisterIdl, createGateway, installAssetCanister, LocalNet, MANAGEMENT_CANISTER_ID } from 'localnet';
import { serveOnFreePort } from './support/gateway-server.js';
import { fetchPage } from './support/http-client.js';
import { writeSite } from './support/site.js';
import { loadUploaderIdl, storeLikeAssetManager, type UploaderActor } from './support/uploader-calls.js';

interface AssetActor extends UploaderActor {
  authorize(principal: Principal): Promise<void>;
  list_authorized(): Promise<Principal[]>;
  commit_batch(arg: { batch_id: bigint; operations: unknown[] }): Promise<void>;
  retrieve(key: string): Promise<Uint8Array>;
}

const CanisterIdRecord = IDL.Record({ canister_id: IDL.Principal });

describe('asset canister durability', () => {
  const running: LocalNet[] = [];
  const start = async (stateDir: string) => {
    const net = await LocalNet.create({ stateDir, clock: 'manual' });
    running.push(net);
    return net;
  };
  afterEach(async () => {
    for (const net of running.splice(0)) await net.stop();
  });

  it('keeps assets, permissions and an unfinished batch across a restart', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'localnet-assets-'));
    const helper = Ed25519KeyIdentity.generate();
    const site = writeSite();

    const first = await start(stateDir);
    const id = await installAssetCanister(first);
    const uploader = first.createActor<UploaderActor>(await loadUploaderIdl(), id);
    for (const file of site.files) await storeLikeAssetManager(uploader, file);
    const admin = first.createActor<AssetActor>(assetCanisterIdl, id);
    await admin.authorize(helper.getPrincipal());
    const { batch_id } = await admin.create_batch({});
    const { chunk_id } = await admin.create_chunk({ batch_id, content: Buffer.from('uploaded before the restart') });
    const moduleHash = (await first.canisterStatus(id)).module_hash;
    await first.stop();
    running.length = 0;

    const second = await start(stateDir);
    const server = await serveOnFreePort(createGateway(second));
    try {
      for (const file of site.files) {
        const page = await fetchPage(server.port, file.key, { host: `${id.toText()}.localhost:${server.port}` });
        expect(page.body.equals(file.bytes)).toBe(true);
      }
    } finally {
      await server.close();
    }
    const restored = second.createActor<AssetActor>(assetCanisterIdl, id);
    expect((await restored.list_authorized()).map(String)).toContain(helper.getPrincipal().toText());
    await restored.commit_batch({
      batch_id,
      operations: [
        { CreateAsset: { key: '/late.txt', content_type: 'text/plain', max_age: [], headers: [], enable_aliasing: [], allow_raw_access: [] } },
        { SetAssetContent: { key: '/late.txt', content_encoding: 'identity', chunk_ids: [chunk_id], last_chunk: [], sha256: [] } },
      ],
    });
    expect(Buffer.from(await restored.retrieve('/late.txt')).toString()).toBe('uploaded before the restart');
    expect((await second.canisterStatus(id)).module_hash).toEqual(moduleHash);
    expect(await installAssetCanister(second, { canisterId: id })).toEqual(id);
    expect((await restored.list({})).length).toBe(site.files.length + 1);
  });

  it('stores each content once and drops what nothing refers to any more', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'localnet-assets-'));
    const net = await start(stateDir);
    const id = await installAssetCanister(net);
    const uploader = net.createActor<UploaderActor>(await loadUploaderIdl(), id);
    const blobs = () => readdirSync(join(stateDir, 'assets', id.toText(), 'blobs'));
    const same = Buffer.from('same bytes');
    await storeLikeAssetManager(uploader, { key: '/a.txt', bytes: same, contentType: 'text/plain' });
    await storeLikeAssetManager(uploader, { key: '/b.txt', bytes: same, contentType: 'text/plain' });
    expect(blobs()).toHaveLength(1);
    await storeLikeAssetManager(uploader, { key: '/c.txt', bytes: Buffer.from('other'), contentType: 'text/plain' });
    expect(blobs()).toHaveLength(2);
    await uploader.clear({});
    expect(blobs()).toHaveLength(0);
  });

  it('forgets the saved state of a deleted asset canister at the next start', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'localnet-assets-'));
    const net = await start(stateDir);
    const id = await installAssetCanister(net);
    const folder = join(stateDir, 'assets', id.toText());
    expect(existsSync(folder)).toBe(true);
    const arg = new Uint8Array(IDL.encode([CanisterIdRecord], [{ canister_id: id }]));
    await net.updateCall(MANAGEMENT_CANISTER_ID, 'stop_canister', arg);
    await net.updateCall(MANAGEMENT_CANISTER_ID, 'delete_canister', arg);
    await net.stop();
    running.length = 0;

    await start(stateDir);
    expect(existsSync(folder)).toBe(false);
  });
});
