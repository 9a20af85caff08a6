import { request } from 'node:http';

export interface FetchedPage {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

/**
 * An HTTP request to `127.0.0.1:<port>` with any Host header (fetch forbids setting Host), the way a browser
 * reaches `http://<canister-id>.localhost:<port>/`.
 */
export function fetchPage(
  port: number,
  path: string,
  options: { host?: string; method?: string; headers?: Record<string, string>; body?: Uint8Array } = {},
): Promise<FetchedPage> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `localhost:${port}`, ...options.headers } },
      (incoming) => {
        const parts: Buffer[] = [];
        incoming.on('data', (part: Buffer) => parts.push(part));
        incoming.on('end', () => {
          const body = Buffer.concat(parts);
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body, text: body.toString('utf8') });
        });
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}
