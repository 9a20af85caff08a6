import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpHandler } from 'localnet';

/** A plain HTTP server on a free port that hands every request to `handler` (the gateway under test). */
export async function serveOnFreePort(handler: HttpHandler): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => void handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
