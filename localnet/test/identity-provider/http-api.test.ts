import { Ed25519KeyIdentity } from '@dfinity/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderServer, temporaryStateDir } from './provider-server.js';

const APP = 'http://bkyz2-fmaaa-aaaaa-qaaaq-cai.localhost:4943';

describe('the local identity provider over HTTP', () => {
  const state = temporaryStateDir();
  let provider: ProviderServer;

  beforeAll(async () => {
    provider = await ProviderServer.start({ stateDir: state.dir });
  });
  afterAll(async () => {
    await provider.stop();
    state.remove();
  });

  const authorizeBody = (identityNumber: number) => ({
    identityNumber,
    clientOrigin: APP,
    sessionPublicKey: Buffer.from(Ed25519KeyIdentity.generate().getPublicKey().toDer()).toString('hex'),
  });

  it('serves the sign-in page and its script at / (the auth client opens /#authorize)', async () => {
    const page = await fetch(provider.baseUrl + '/');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/sign-in.js">');
    expect(html).toContain('<label for="identity-name">Identity name</label>');
    const script = await fetch(provider.baseUrl + '/sign-in.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain("kind: 'authorize-ready'");
  });

  it('serves its favicon, at the path the page links and at the one browsers ask for by themselves', async () => {
    expect(await (await fetch(provider.baseUrl + '/')).text()).toContain('<link rel="icon" href="/favicon.svg"');
    for (const path of ['/favicon.svg', '/favicon.ico']) {
      const icon = await fetch(provider.baseUrl + path);
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toBe('image/svg+xml');
      expect(await icon.text()).toMatch(/^<svg /);
    }
  });

  it('numbers identities from 10000 and keeps them across restarts', async () => {
    expect(await provider.createIdentity('  carol ')).toEqual({ number: 10_000, name: 'carol' });
    expect(await provider.createIdentity('dave')).toEqual({ number: 10_001, name: 'dave' });
    const restarted = await ProviderServer.start({ stateDir: state.dir });
    try {
      const listed = (await (await fetch(restarted.baseUrl + '/ii/identities')).json()) as { identities: unknown[] };
      expect(listed.identities).toEqual([
        { number: 10_000, name: 'carol' },
        { number: 10_001, name: 'dave' },
      ]);
    } finally {
      await restarted.stop();
    }
  });

  it('answers mistakes with a status and a readable error', async () => {
    const cases: [string, unknown, number, RegExp][] = [
      ['/ii/identities', { name: '   ' }, 400, /1 to 64 characters/],
      ['/ii/identities', { name: 7 }, 400, /name must be a string/],
      ['/ii/authorize', authorizeBody(99_999), 404, /no such identity/],
      ['/ii/authorize', { ...authorizeBody(10_000), sessionPublicKey: 'xyz' }, 400, /hex/],
      ['/ii/authorize', { ...authorizeBody(10_000), clientOrigin: 'not an origin' }, 400, /not an origin/],
      ['/ii/authorize', { ...authorizeBody(10_000), maxTimeToLive: '-5' }, 400, /nanoseconds/],
      ['/ii/authorize', { ...authorizeBody(10_000), maxTimeToLive: '0' }, 400, /positive/],
      ['/ii/unknown', {}, 404, /no such page/],
    ];
    for (const [path, body, status, error] of cases) {
      const response = await provider.post(path, body);
      expect({ path, body, status: response.status }).toEqual({ path, body, status });
      expect(((await response.json()) as { error: string }).error).toMatch(error);
    }
    const notJson = await fetch(provider.baseUrl + '/ii/identities', { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
  });

  it("refuses POSTs another site's page makes from the person's browser", async () => {
    const forged = await provider.post('/ii/authorize', authorizeBody(10_000), { origin: 'http://evil.localhost:4943' });
    expect(forged.status).toBe(403);
    const sameOrigin = await provider.post('/ii/authorize', authorizeBody(10_000), { origin: provider.baseUrl });
    expect(sameOrigin.status).toBe(200);
  });
});
