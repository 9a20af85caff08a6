import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIdentityProvider, type DelegationChainJson, type IdentityProviderOptions } from '../../src/identity-provider/index.js';

/** The provider's handler on a loopback port, as the gateway would serve it, plus small typed calls to its API. */
export class ProviderServer {
  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(options: IdentityProviderOptions): Promise<ProviderServer> {
    const handler = createIdentityProvider(options);
    const server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new ProviderServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(this.baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  }

  async createIdentity(name: string): Promise<{ number: number; name: string }> {
    return (await this.post('/ii/identities', { name })).json() as Promise<{ number: number; name: string }>;
  }

  async authorize(request: {
    identityNumber: number;
    clientOrigin: string;
    sessionPublicKey: Uint8Array;
    derivationOrigin?: string;
    maxTimeToLive?: bigint;
  }): Promise<DelegationChainJson> {
    const response = await this.post('/ii/authorize', {
      ...request,
      sessionPublicKey: Buffer.from(request.sessionPublicKey).toString('hex'),
      maxTimeToLive: request.maxTimeToLive?.toString(),
    });
    if (!response.ok) throw new Error(`authorize answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<DelegationChainJson>;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}

/** A fresh state folder; the returned function deletes it. */
export function temporaryStateDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'identity-provider-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A frontend at `http://<canister-id>.localhost:<port>` that lists `alternativeOrigins` in its
 * `/.well-known/ii-alternative-origins`, as a derivation origin does.
 */
export async function serveAlternativeOrigins(alternativeOrigins: string[]): Promise<{ origin: string; stop: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const found = req.url === '/.well-known/ii-alternative-origins' && req.headers.host?.startsWith('bkyz2-fmaaa-aaaaa-qaaaq-cai.localhost:');
    res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
    res.end(found ? JSON.stringify({ alternativeOrigins }) : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://bkyz2-fmaaa-aaaaa-qaaaq-cai.localhost:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
