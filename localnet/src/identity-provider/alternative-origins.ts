import { request } from 'node:http';
import { BadRequestError } from './json-http.js';

const WELL_KNOWN_PATH = '/.well-known/ii-alternative-origins';
const FETCH_TIMEOUT_MS = 5_000;
/** The schema allows 10 origins: a document far larger than that is not one. */
const MAX_DOCUMENT_BYTES = 64 * 1024;

/**
 * II derives for another origin only if that origin lists the app's origin in its
 * `/.well-known/ii-alternative-origins`; checking it here too means a dapp whose list is wrong fails locally,
 * not first on mainnet.
 */
export async function checkDerivationOrigin(derivationOrigin: string, clientOrigin: string): Promise<void> {
  if (derivationOrigin === clientOrigin) return;
  const url = new URL(WELL_KNOWN_PATH, derivationOrigin);
  let listed: unknown;
  try {
    listed = (JSON.parse(await getText(url)) as { alternativeOrigins?: unknown }).alternativeOrigins;
  } catch (error) {
    throw new BadRequestError(`derivationOrigin ${derivationOrigin}: could not read ${url}: ${(error as Error).message}`);
  }
  if (!Array.isArray(listed) || !listed.includes(clientOrigin)) {
    throw new BadRequestError(`${clientOrigin} may not use the principals of ${derivationOrigin}: it is not listed in ${url}`);
  }
}

/**
 * Browsers send `*.localhost` to the loopback address by themselves and Node does not, so such an origin (a
 * canister behind this localnet's gateway) is asked on 127.0.0.1 with its own Host header.
 */
async function getText(url: URL): Promise<string> {
  if (url.hostname !== 'localhost' && !url.hostname.endsWith('.localhost')) {
    const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.text();
  }
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port: url.port || 80, path: url.pathname, headers: { host: url.host }, timeout: FETCH_TIMEOUT_MS };
    const outgoing = request(options, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        return reject(new Error(`HTTP ${response.statusCode}`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_DOCUMENT_BYTES) return response.destroy(new Error('document too large'));
        chunks.push(chunk);
      });
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      response.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')));
    outgoing.on('error', reject);
    outgoing.end();
  });
}
