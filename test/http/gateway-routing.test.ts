import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { LocalNet, startHttpServer, type HttpServer } from 'localnet';

describe('the routing hook for the HTTP gateway', () => {
  let net: LocalNet;
  let server: HttpServer;
  const seen: string[] = [];

  beforeAll(async () => {
    net = await LocalNet.create();
    server = await startHttpServer(net, {
      port: 0,
      gateway: async (request, response) => {
        seen.push(`${request.headers.host?.split(':')[0]} ${request.url}`);
        response.writeHead(200, { 'content-type': 'text/plain' }).end('from the gateway');
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await net.stop();
  });

  /** GET with an explicit Host header, as a browser on `<canister-id>.localhost` sends it. */
  function get(path: string, host: string): Promise<{ status: number; body: string }> {
    const { port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, path, headers: { host: `${host}:${port}` } }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
        .on('error', reject)
        .end();
    });
  }

  it('hands every non-API path to the gateway, whatever the host', async () => {
    expect(await get('/index.html', 'rrkah-fqaaa-aaaaa-aaaaq-cai.localhost')).toEqual({ status: 200, body: 'from the gateway' });
    expect(await get('/api/users', 'rrkah-fqaaa-aaaaa-aaaaq-cai.raw.localhost')).toEqual({ status: 200, body: 'from the gateway' });
    expect(await get('/', '127.0.0.1')).toMatchObject({ status: 200 });
    expect(seen).toEqual([
      'rrkah-fqaaa-aaaaa-aaaaq-cai.localhost /index.html',
      'rrkah-fqaaa-aaaaa-aaaaq-cai.raw.localhost /api/users',
      '127.0.0.1 /',
    ]);
  });

  it('serves /api/v<n>/ itself on canister hosts too (agents in a page on <id>.localhost call there)', async () => {
    const status = await get('/api/v2/status', 'rrkah-fqaaa-aaaaa-aaaaq-cai.localhost');
    expect(status.status).toBe(200);
    expect(seen).toHaveLength(3);
  });
});
