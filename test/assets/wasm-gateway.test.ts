import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@dfinity/principal';
import { createGateway, LocalNet } from 'localnet';
import { buildCanisters } from '../../scripts/build/index.js';
import { serveOnFreePort } from './support/gateway-server.js';
import { fetchPage } from './support/http-client.js';

const CANISTERS_ROOT = fileURLToPath(new URL('./canisters', import.meta.url));

describe('HTTP gateway in front of a wasm canister (Azle) that serves HTTP itself', () => {
  let net: LocalNet;
  let server: { port: number; close(): Promise<void> };
  let id: Principal;
  const get = (path: string, options: { method?: string; headers?: Record<string, string>; body?: Uint8Array } = {}) =>
    fetchPage(server.port, path, { host: `${id.toText()}.localhost:${server.port}`, ...options });

  beforeAll(async () => {
    // Built here rather than by `npm run build:test-canisters`: skipped when its sources did not change.
    const [result] = await buildCanisters({ root: CANISTERS_ROOT, names: ['web'] });
    if (result?.status === 'failed') throw new Error(`the web test canister did not build:\n${result.output}`);
    net = await LocalNet.create({ clock: 'manual' });
    id = await net.createCanister();
    await net.installCode({ canisterId: id, wasm: readFileSync(`${CANISTERS_ROOT}/.azle/web/web.wasm`) });
    server = await serveOnFreePort(createGateway(net));
  });
  afterAll(async () => {
    await server?.close();
    await net?.stop();
  });

  it('forwards method, URL, headers and certificate_version 2 to http_request', async () => {
    const page = await get('/hello?x=1', { headers: { 'x-probe': 'seen' } });
    expect(page.status).toBe(200);
    expect(page.text).toBe('hello from wasm: GET /hello?x=1 probe=seen cert=2');
    expect(page.headers['x-canister']).toBe('web');
  });

  it('passes the request body through', async () => {
    const body = Buffer.from('{"kWh":42}');
    const page = await get('/echo', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(page.body.equals(body)).toBe(true);
  });

  it('follows upgrade = opt true to the http_request_update call, whose changes persist', async () => {
    expect((await get('/visits')).text).toBe('visits=1 via GET');
    expect((await get('/visits', { method: 'POST' })).text).toBe('visits=2 via POST');
  });

  it('follows a streaming callback whose token type only the canister knows', async () => {
    const page = await get('/stream');
    expect(page.text).toBe('part-0;part-1;part-2;');
    expect(page.headers['content-length']).toBe(String('part-0;part-1;part-2;'.length));
  });

  it('refuses its uncertified pages where the gateway verifies, except on the raw host', async () => {
    const verifying = await serveOnFreePort(createGateway(net, { rootKey: net.controller.getPublicKey().toDer() }));
    try {
      const refused = await fetchPage(verifying.port, '/hello', { host: `${id.toText()}.localhost` });
      expect(refused.status).toBe(503);
      expect(refused.text).toContain('failed verification');
      const raw = await fetchPage(verifying.port, '/hello', { host: `${id.toText()}.raw.localhost` });
      expect(raw.text).toBe('hello from wasm: GET /hello probe= cert=2');
      // An answer from the http_request_update call went through consensus: there is nothing to verify.
      expect((await fetchPage(verifying.port, '/visits', { host: `${id.toText()}.localhost` })).text).toMatch(/^visits=\d+ via GET$/);
    } finally {
      await verifying.close();
    }
  });

  it('passes the canister\'s own status codes through', async () => {
    expect((await get('/teapot')).status).toBe(418);
    const missing = await get('/nope');
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('no page at /nope');
  });
});
