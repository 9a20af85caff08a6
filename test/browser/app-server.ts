import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const APP_DIR = fileURLToPath(new URL('./app/', import.meta.url));

/** The test dapp, bundled in memory and served from a loopback port of its own: a separate origin, as a real app has. */
export class AppServer {
  private constructor(
    private readonly server: Server,
    /** The app's origin, e.g. `http://127.0.0.1:40123`. */
    readonly origin: string,
  ) {}

  static async start(): Promise<AppServer> {
    const files = new Map<string, { body: Uint8Array; contentType: string }>([
      ['/', { body: readFileSync(APP_DIR + 'index.html'), contentType: 'text/html; charset=utf-8' }],
      ['/main.js', { body: await bundle(), contentType: 'text/javascript; charset=utf-8' }],
    ]);
    const server = createServer((request, response) => {
      const file = files.get(new URL(request.url ?? '/', 'http://localhost').pathname);
      response.writeHead(file ? 200 : 404, { 'content-type': file?.contentType ?? 'text/plain' });
      response.end(file?.body ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new AppServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function bundle(): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [APP_DIR + 'main.ts'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.contents;
}
