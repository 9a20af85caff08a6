/**
 * The deploy step of `npm start`: a built site with its `.ic-assets.json5` rules read, compressed and synced to
 * the built-in asset canister, then served through a verifying gateway as a browser gets it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@dfinity/principal';
import { assetCanisterIdl, createGateway, installAssetCanister, LocalNet, startHttpServer, type HttpServer } from 'localnet';
import { readSite } from '../../scripts/assets/site-files.js';
import { syncAssets, type AssetCanisterActor } from '../../scripts/assets/sync-assets.js';
import { fetchPage } from './support/http-client.js';

const SCRIPT = `export const greeting = ${JSON.stringify('hello '.repeat(500))};\n`;
const RULES = `// comments are fine: this is JSON5
[
  { match: '**/*', headers: { 'Content-Security-Policy': "default-src 'self'", 'X-Frame-Options': 'DENY' } },
  { match: 'assets/**', headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } },
  { match: 'index.html', headers: { 'Cache-Control': 'no-cache' } },
  { match: '**/*.map', ignore: true },
  { match: 'logo.png', cache: { max_age: 60 } },
]`;

describe('syncing a built site with its .ic-assets.json5 rules', () => {
  let net: LocalNet;
  let server: HttpServer;
  let id: Principal;
  let actor: AssetCanisterActor;
  let site: string;
  const write = (path: string, content: string | Uint8Array) => {
    mkdirSync(dirname(join(site, path)), { recursive: true });
    writeFileSync(join(site, path), content);
  };
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetchPage(Number(new URL(server.url).port), path, { host: `${id.toText()}.localhost`, headers });

  beforeAll(async () => {
    net = await LocalNet.create({ clock: 'manual' });
    server = await startHttpServer(net, { port: 0, gateway: createGateway(net, { rootKey: () => server.rootKey }) });
    id = await installAssetCanister(net);
    actor = net.createActor<AssetCanisterActor>(assetCanisterIdl, id);
    site = mkdtempSync(join(tmpdir(), 'chargex-built-site-'));
    write('index.html', `<!doctype html><title>ChargeX</title>${'<meta name="x" content="y">'.repeat(20)}<script type="module" src="/assets/index-abc123.js"></script>`);
    write('assets/index-abc123.js', SCRIPT);
    write('assets/index-abc123.js.map', '{"version":3}');
    write('logo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]));
    write('.ic-assets.json5', RULES);
    write('.build-hash', 'abc');
  });
  afterAll(async () => {
    await server?.close();
    await net?.stop();
    rmSync(site, { recursive: true, force: true });
  });

  it('stores identity, gzip and brotli for text, leaves out source maps and hidden files, and serves by Accept-Encoding', async () => {
    const report = await syncAssets(actor, readSite(site));
    expect(report).toEqual({ uploaded: 7, unchanged: 0, deleted: 0 });
    const listed = await actor.list({});
    expect(Object.fromEntries(listed.map((asset) => [asset.key, asset.encodings.map((encoding) => encoding.content_encoding).sort()]))).toEqual({
      '/assets/index-abc123.js': ['br', 'gzip', 'identity'],
      '/index.html': ['br', 'gzip', 'identity'],
      '/logo.png': ['identity'],
    });

    const brotli = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.body).toString()).toBe(SCRIPT);
    expect(brotli.body.length).toBeLessThan(SCRIPT.length / 10);
    const gzip = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gunzipSync(gzip.body).toString()).toBe(SCRIPT);
    expect((await get('/assets/index-abc123.js')).text).toBe(SCRIPT);
    expect(brotli.headers['content-type']).toBe('application/javascript; charset=utf-8');
    // A source map is not served: the request falls back to the app page.
    expect((await get('/assets/index-abc123.js.map')).headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('gives each file the headers its rules say, certified', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toBe("default-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await get('/assets/index-abc123.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/logo.png')).headers['cache-control']).toBe('max-age=60');
    expect((await get('/wallet')).headers['cache-control']).toBe('no-cache');
  });

  it('sends raw-host visitors of files that forbid raw access to the certified host', async () => {
    write('.ic-assets.json5', RULES.replace("{ match: 'logo.png'", "{ match: 'index.html', allow_raw_access: false }, { match: 'logo.png'"));
    await syncAssets(actor, readSite(site));
    const port = Number(new URL(server.url).port);
    const redirected = await fetchPage(port, '/index.html?x=1', { host: `${id.toText()}.raw.localhost:${port}` });
    expect(redirected.status).toBe(308);
    expect(redirected.headers.location).toBe(`//${id.toText()}.localhost:${port}/index.html?x=1`);
    expect((await fetchPage(port, '/logo.png', { host: `${id.toText()}.raw.localhost:${port}` })).status).toBe(200);
    write('.ic-assets.json5', RULES);
    await syncAssets(actor, readSite(site));
  });

  it('uploads nothing unchanged, applies changed rules to stored files, and removes what the site no longer has', async () => {
    expect(await syncAssets(actor, readSite(site))).toEqual({ uploaded: 0, unchanged: 7, deleted: 0 });

    write('.ic-assets.json5', RULES.replace("'no-cache'", "'no-store'"));
    rmSync(join(site, 'logo.png'));
    write('assets/index-def456.js', SCRIPT.replace('hello', 'hi'));
    rmSync(join(site, 'assets/index-abc123.js'));
    expect(await syncAssets(actor, readSite(site))).toEqual({ uploaded: 3, unchanged: 3, deleted: 2 });

    expect((await get('/index.html')).headers['cache-control']).toBe('no-store');
    expect((await actor.list({})).map((asset) => asset.key).sort()).toEqual(['/assets/index-def456.js', '/index.html']);
    expect((await get('/logo.png')).headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('refuses a rules file with a field dfx does not know', () => {
    write('.ic-assets.json5', "[{ match: '**/*', cahce: { max_age: 1 } }]");
    expect(() => readSite(site)).toThrow(/rule 1 has unknown fields: cahce/);
    write('.ic-assets.json5', RULES);
  });
});
