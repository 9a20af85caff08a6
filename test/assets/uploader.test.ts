import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpAgent, type Identity } from '@dfinity/agent';
import { AssetManager } from '@dfinity/assets';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { createGateway, installAssetCanister, LocalNet, startHttpServer, type HttpServer } from 'localnet';
import { fetchPage } from './support/http-client.js';
import { BIG_FILE_BYTES, writeSite, type SiteFile } from './support/site.js';

describe('@dfinity/assets AssetManager over the IC HTTP interface, pages through the gateway on the same port', () => {
  let net: LocalNet;
  let server: HttpServer;
  let port: number;
  let id: Principal;
  let files: SiteFile[];

  const managerFor = async (identity: Identity) => {
    const agent = HttpAgent.createSync({ host: server.url, identity, retryTimes: 0 });
    await agent.fetchRootKey();
    return new AssetManager({ canisterId: id, agent });
  };
  const page = (path: string) => fetchPage(port, path, { host: `${id.toText()}.localhost:${port}` });

  beforeAll(async () => {
    net = await LocalNet.create();
    server = await startHttpServer(net, { port: 0, gateway: createGateway(net) });
    port = Number(new URL(server.url).port);
    id = await installAssetCanister(net);
    files = writeSite().files;

    const assets = await managerFor(net.controller);
    // Pages one `store` call each; the nested page and the big file in one chunked batch.
    const batch = assets.batch();
    for (const file of files) {
      const path = dirname(file.key) === '/' ? '' : dirname(file.key);
      if (file.key === '/data/big.bin' || file.key === '/about/index.html') await batch.store(file.path, { path });
      else await assets.store(file.path, { path });
    }
    await batch.commit();
  });
  afterAll(async () => {
    await server?.close();
    await net?.stop();
  });

  it('uploads a folder with the official uploader', async () => {
    const assets = await managerFor(net.controller);
    const listed = await assets.list();
    expect(listed.map((asset) => asset.key).sort()).toEqual(files.map((file) => file.key).sort());
    expect(listed.find((asset) => asset.key === '/app.js')?.content_type).toBe('application/javascript');
  });

  it('reads a chunked asset back through get and get_chunk queries', async () => {
    const assets = await managerFor(net.controller);
    const big = await assets.get('/data/big.bin');
    expect(big.length).toBe(BIG_FILE_BYTES);
    expect(Buffer.from(await big.toUint8Array()).equals(files.find((file) => file.key === '/data/big.bin')!.bytes)).toBe(true);
    expect(await big.verifySha256()).toBe(true);
  });

  it('serves the uploaded site through the gateway of the HTTP server', async () => {
    for (const file of files) {
      const fetched = await page(file.key);
      expect(fetched.status).toBe(200);
      expect(fetched.body.equals(file.bytes)).toBe(true);
    }
    expect((await page('/about')).text).toBe('<h1>about</h1>');
    expect((await page('/no/such/page')).body.equals(files[0]!.bytes)).toBe(true);
  });

  it('refuses uploads from a principal without permission', async () => {
    const stranger = await managerFor(Ed25519KeyIdentity.generate());
    await expect(stranger.store(new TextEncoder().encode('x'), { fileName: 'intruder.txt' })).rejects.toThrow(/Caller does not have Commit permission/);
    await expect(stranger.batch().commit()).rejects.toThrow(/Caller does not have Prepare permission/);
    expect((await page('/intruder.txt')).body.equals(files[0]!.bytes)).toBe(true);
  });

  it('deletes an asset', async () => {
    const assets = await managerFor(net.controller);
    await assets.delete('/pricing.html');
    expect((await page('/pricing.html')).body.equals(files[0]!.bytes)).toBe(true);
  });
});
