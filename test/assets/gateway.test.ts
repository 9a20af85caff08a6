import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Principal } from '@dfinity/principal';
import { assetCanisterIdl, createGateway, installAssetCanister, LocalNet } from 'localnet';
import { serveOnFreePort } from './support/gateway-server.js';
import { fetchPage } from './support/http-client.js';
import { BIG_FILE_BYTES, writeSite, type SiteFile } from './support/site.js';
import { loadUploaderIdl, storeLikeAssetManager, type UploaderActor } from './support/uploader-calls.js';

const II_CANISTER_ID = 'rdmx6-jaaaa-aaaaa-aaadq-cai';

describe('HTTP gateway in front of the built-in asset canister', () => {
  let net: LocalNet;
  let server: { port: number; close(): Promise<void> };
  let id: Principal;
  let files: Map<string, SiteFile>;
  let gzippedScript: Buffer;
  const get = (path: string, headers: Record<string, string> = {}, host = `${id.toText()}.localhost:${server.port}`) =>
    fetchPage(server.port, path, { host, headers });

  beforeAll(async () => {
    net = await LocalNet.create({ clock: 'manual' });
    id = await installAssetCanister(net);
    const site = writeSite();
    files = new Map(site.files.map((file) => [file.key, file]));
    gzippedScript = site.gzippedScript;
    const uploader = net.createActor<UploaderActor>(await loadUploaderIdl(), id);
    for (const file of site.files) await storeLikeAssetManager(uploader, file);
    await storeLikeAssetManager(uploader, { key: '/app.js', bytes: gzippedScript, contentType: 'application/javascript', contentEncoding: 'gzip' });
    server = await serveOnFreePort(
      createGateway(net, {
        hosts: {
          [II_CANISTER_ID]: async (_request, response) => {
            response.writeHead(200, { 'content-type': 'text/plain' }).end('local identity provider');
          },
        },
      }),
    );
  });
  afterAll(async () => {
    await server.close();
    await net.stop();
  });

  it('serves each file with its bytes and content type', async () => {
    for (const key of ['/index.html', '/about/index.html', '/pricing.html']) {
      const page = await get(key);
      expect(page.status).toBe(200);
      expect(page.body.equals(files.get(key)!.bytes)).toBe(true);
      expect(page.headers['content-type']).toBe('text/html');
    }
  });

  it('streams a large file through the streaming callback', async () => {
    const page = await get('/data/big.bin');
    expect(page.status).toBe(200);
    expect(page.body.length).toBe(BIG_FILE_BYTES);
    expect(page.body.equals(files.get('/data/big.bin')!.bytes)).toBe(true);
    expect(page.headers['content-length']).toBe(String(BIG_FILE_BYTES));
  });

  it('picks the encoding from Accept-Encoding', async () => {
    const gzip = await get('/app.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.equals(gzippedScript)).toBe(true);
    expect(gunzipSync(gzip.body).equals(files.get('/app.js')!.bytes)).toBe(true);

    const identity = await get('/app.js');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.equals(files.get('/app.js')!.bytes)).toBe(true);

    const refused = await get('/app.js', { 'accept-encoding': 'gzip;q=0, br' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.headers['content-type']).toBe('application/javascript');
  });

  it('answers 304 when If-None-Match holds the ETag', async () => {
    const first = await get('/index.html');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await get('/index.html', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get('/index.html', { 'if-none-match': '"other"' })).status).toBe(200);
    // The ETag is per encoding: the gzip form does not match the identity one.
    expect((await get('/app.js', { 'if-none-match': etag, 'accept-encoding': 'gzip' })).status).toBe(200);
  });

  it('aliases /x and /x/ to /x/index.html and /x.html, and falls back to /index.html', async () => {
    expect((await get('/about')).text).toBe('<h1>about</h1>');
    expect((await get('/about/')).text).toBe('<h1>about</h1>');
    expect((await get('/pricing')).text).toBe('<h1>pricing</h1>');
    const route = await get('/stations/42?tab=map');
    expect(route.status).toBe(200);
    expect(route.body.equals(files.get('/index.html')!.bytes)).toBe(true);
  });

  it('serves the max_age and custom headers set as asset properties', async () => {
    const admin = net.createActor<{ set_asset_properties(arg: unknown): Promise<void> }>(assetCanisterIdl, id);
    await admin.set_asset_properties({
      key: '/pricing.html',
      max_age: [[600n]],
      headers: [[[['X-Content-Type-Options', 'nosniff']]]],
      allow_raw_access: [],
      is_aliased: [],
    });
    const page = await get('/pricing.html');
    expect(page.headers['cache-control']).toBe('max-age=600');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('finds the canister from <id>.raw.localhost, ?canisterId= and the referring page', async () => {
    expect((await get('/about', {}, `${id.toText()}.raw.localhost:${server.port}`)).text).toBe('<h1>about</h1>');
    expect((await get(`/about?canisterId=${id.toText()}`, {}, `localhost:${server.port}`)).text).toBe('<h1>about</h1>');
    const script = await get('/app.js', { referer: `http://localhost:${server.port}/?canisterId=${id.toText()}` }, `localhost:${server.port}`);
    expect(script.body.equals(files.get('/app.js')!.bytes)).toBe(true);
  });

  it('hands the hosts it was given to their own handlers', async () => {
    const page = await get('/', {}, `${II_CANISTER_ID}.localhost:${server.port}`);
    expect(page.text).toBe('local identity provider');
  });

  it('explains failures on readable error pages', async () => {
    const noId = await get('/', {}, `localhost:${server.port}`);
    expect(noId.status).toBe(400);
    expect(noId.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(noId.text).toContain('No canister id in this request');

    const missing = await get('/', {}, `rrkah-fqaaa-aaaaa-aaaaq-cai.localhost:${server.port}`);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('rrkah-fqaaa-aaaaa-aaaaq-cai not found');

    const empty = await net.createCanister();
    const noCode = await get('/', {}, `${empty.toText()}.localhost:${server.port}`);
    expect(noCode.status).toBe(502);
    expect(noCode.text).toContain('no module installed');
  });

  it('answers 404 for unknown paths when there is no /index.html to fall back to', async () => {
    const bare = await installAssetCanister(net);
    const uploader = net.createActor<UploaderActor>(await loadUploaderIdl(), bare);
    await storeLikeAssetManager(uploader, { key: '/only.txt', bytes: Buffer.from('only'), contentType: 'text/plain' });
    const host = `${bare.toText()}.localhost:${server.port}`;
    expect((await get('/only.txt', {}, host)).text).toBe('only');
    const missing = await get('/nothing-here', {}, host);
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('not found');
  });
});
