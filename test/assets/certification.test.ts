/**
 * Response certification v2 of the built-in asset canister, checked by the gateway with DFINITY's own response
 * verification library (what the IC's boundary nodes run), and by calling that library directly on answers that
 * were tampered with.
 */
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import { assetCanisterIdl, createGateway, installAssetCanister, LocalNet, startHttpServer, type HttpServer } from 'localnet';
import { verifyResponse } from '../../localnet/src/gateway/response-verification.js';
import { serveOnFreePort } from './support/gateway-server.js';
import { fetchPage } from './support/http-client.js';
import { BIG_FILE_BYTES, writeSite } from './support/site.js';
import { loadUploaderIdl, storeLikeAssetManager, type UploaderActor } from './support/uploader-calls.js';

const CSP = "default-src 'self'";

describe('certified assets (response verification v2) through a verifying gateway', () => {
  let net: LocalNet;
  let server: HttpServer;
  let id: Principal;
  let uploader: UploaderActor;
  let script: Buffer;
  const get = (path: string, headers: Record<string, string> = {}, host = `${id.toText()}.localhost`) =>
    fetchPage(Number(new URL(server.url).port), path, { host, headers });

  beforeAll(async () => {
    net = await LocalNet.create({ clock: 'manual' });
    server = await startHttpServer(net, { port: 0, gateway: createGateway(net, { rootKey: () => server.rootKey }) });
    id = await installAssetCanister(net);
    uploader = net.createActor<UploaderActor>(await loadUploaderIdl(), id);
    const site = writeSite();
    for (const file of site.files) await storeLikeAssetManager(uploader, file);
    script = site.files.find((file) => file.key === '/app.js')!.bytes;
    for (const [encoding, bytes] of [['gzip', gzipSync(script)], ['br', brotliCompressSync(script)]] as const) {
      await storeLikeAssetManager(uploader, { key: '/app.js', bytes, contentType: 'application/javascript', contentEncoding: encoding });
    }
    const admin = net.createActor<{ set_asset_properties(arg: unknown): Promise<void> }>(assetCanisterIdl, id);
    await admin.set_asset_properties({
      key: '/index.html',
      max_age: [],
      headers: [[[['Content-Security-Policy', CSP], ['Cache-Control', 'no-cache']]]],
      allow_raw_access: [],
      is_aliased: [],
    });
  });
  afterAll(async () => {
    await server?.close();
    await net?.stop();
  });

  it('serves pages with an IC-Certificate v2 header and the expression the gateway verified', async () => {
    const page = await get('/index.html');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CSP);
    expect(page.headers['ic-certificateexpression']).toMatch(/^default_certification\(ValidationArgs\{certification:/);
    const certificate = String(page.headers['ic-certificate']);
    expect(certificate).toMatch(/^certificate=:[A-Za-z0-9+/=]+:, tree=:[A-Za-z0-9+/=]+:, expr_path=:[A-Za-z0-9+/=]+:, version=2$/);
  });

  it('verifies every encoding, aliases, the SPA fallback, a streamed file and a 304', async () => {
    for (const [accept, encoding] of [['br', 'br'], ['gzip', 'gzip'], ['', undefined]] as const) {
      const page = await get('/app.js', { 'accept-encoding': accept });
      expect(page.status).toBe(200);
      expect(page.headers['content-encoding']).toBe(encoding);
    }
    for (const path of ['/', '/about', '/about/', '/pricing', '/leasing/battery/42', '/wallet/']) {
      expect((await get(path)).status, path).toBe(200);
    }
    expect((await get('/leasing/battery/42')).text).toContain('<h1>home</h1>');
    expect((await get('/data/big.bin')).body.length).toBe(BIG_FILE_BYTES);
    const etag = String((await get('/app.js', { 'accept-encoding': 'gzip' })).headers.etag);
    expect((await get('/app.js', { 'accept-encoding': 'gzip', 'if-none-match': etag })).status).toBe(304);
  });

  it('certifies new content as soon as it is committed', async () => {
    await storeLikeAssetManager(uploader, { key: '/pricing.html', bytes: Buffer.from('<h1>new prices</h1>'), contentType: 'text/html' });
    const page = await get('/pricing');
    expect(page.status).toBe(200);
    expect(page.text).toBe('<h1>new prices</h1>');
  });

  it('refuses answers whose body, headers, status or path were changed, and a wrong root key', async () => {
    const request = { method: 'GET', url: '/index.html', headers: [] as [string, string][], body: new Uint8Array() };
    const answer = await queryHttp(request);
    const context = { canisterId: id, rootKey: server.rootKey, nowNs: net.now() };
    expect(() => verifyResponse(request, answer, context)).not.toThrow();

    const tampered = [
      { ...answer, body: new TextEncoder().encode('<h1>phishing</h1>') },
      { ...answer, headers: answer.headers.map(([name, value]): [string, string] => [name, /security-policy/i.test(name) ? '*' : value]) },
      { ...answer, headers: answer.headers.filter(([name]) => !/security-policy/i.test(name)) },
      { ...answer, status: 201 },
    ];
    for (const response of tampered) expect(() => verifyResponse(request, response, context)).toThrow(/failed verification/);
    expect(() => verifyResponse({ ...request, url: '/app.js' }, answer, context)).toThrow(/failed verification/);
    expect(() => verifyResponse(request, answer, { ...context, nowNs: context.nowNs + 10n * 60n * 1_000_000_000n })).toThrow(
      /failed verification/,
    );
    const otherKey = Uint8Array.from(server.rootKey);
    otherKey[otherKey.length - 1]! ^= 1;
    expect(() => verifyResponse(request, answer, { ...context, rootKey: otherKey })).toThrow(/failed verification/);
  });

  it('gives the browser a 503 when verification fails, and passes raw hosts through unverified', async () => {
    const wrongKey = Uint8Array.from(server.rootKey);
    wrongKey[wrongKey.length - 1]! ^= 1;
    const distrusting = await serveOnFreePort(createGateway(net, { rootKey: wrongKey }));
    try {
      const refused = await fetchPage(distrusting.port, '/index.html', { host: `${id.toText()}.localhost` });
      expect(refused.status).toBe(503);
      expect(refused.text).toContain('failed verification');
      expect((await fetchPage(distrusting.port, '/index.html', { host: `${id.toText()}.raw.localhost` })).status).toBe(200);
    } finally {
      await distrusting.close();
    }
  });

  it('answers without a certificate when the query has no data certificate to give', async () => {
    const bare = await LocalNet.create({ clock: 'manual' });
    try {
      const bareId = await installAssetCanister(bare);
      await storeLikeAssetManager(bare.createActor<UploaderActor>(await loadUploaderIdl(), bareId), {
        key: '/index.html',
        bytes: Buffer.from('<h1>hi</h1>'),
        contentType: 'text/html',
      });
      const reply = await bare.queryCall(bareId, 'http_request', encodeHttpRequest('/index.html'));
      const [response] = IDL.decode([HttpResponseType], reply) as unknown as [{ headers: [string, string][] }];
      expect(response.headers.map(([name]) => name)).not.toContain('ic-certificate');
    } finally {
      await bare.stop();
    }
  });

  async function queryHttp(request: { url: string }) {
    const reply = await net.queryCall(id, 'http_request', encodeHttpRequest(request.url));
    const [response] = IDL.decode([HttpResponseType], reply) as unknown as [{ status_code: number; headers: [string, string][]; body: Uint8Array }];
    return { status: response.status_code, headers: response.headers, body: response.body, fromUpdate: false };
  }
});

const HttpRequestType = IDL.Record({
  method: IDL.Text,
  url: IDL.Text,
  headers: IDL.Vec(IDL.Tuple(IDL.Text, IDL.Text)),
  body: IDL.Vec(IDL.Nat8),
  certificate_version: IDL.Opt(IDL.Nat16),
});
const HttpResponseType = IDL.Record({
  status_code: IDL.Nat16,
  headers: IDL.Vec(IDL.Tuple(IDL.Text, IDL.Text)),
  body: IDL.Vec(IDL.Nat8),
});

function encodeHttpRequest(url: string): Uint8Array {
  return new Uint8Array(IDL.encode([HttpRequestType], [{ method: 'GET', url, headers: [], body: new Uint8Array(), certificate_version: [2] }]));
}
