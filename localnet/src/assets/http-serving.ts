import type { Principal } from '@dfinity/principal';
import { AssetError } from './asset-errors.js';
import type { HeaderField, HttpRequest, HttpResponse, StreamingCallbackHttpResponse, StreamingCallbackToken } from './asset-idl.js';
import { type Asset, type AssetTable, chooseEncoding, chunkCount, chunkOf, equalBytes } from './asset-table.js';

/** Served for any path that matches no asset, so single-page apps can route on the client (dfx's default). */
export const FALLBACK_KEY = '/index.html';

/**
 * Answers `http_request` like dfx's asset canister: path aliasing, the `/index.html` fallback, the encoding
 * chosen from Accept-Encoding, an ETag of the content's SHA-256 (304 when If-None-Match has it), and the first
 * chunk of a large asset with a streaming callback for the rest. There are no IC-Certificate headers: this
 * replica's gateway does not verify responses.
 */
export function serveHttp(assets: AssetTable, request: HttpRequest, callback: [Principal, string]): HttpResponse {
  const rawPath = request.url.split('?')[0]!;
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return plainResponse(400, `failed to decode path '${rawPath}'`);
  }
  const found = servable(assets, path) ?? servable(assets, FALLBACK_KEY);
  if (!found) return plainResponse(404, 'not found');
  const { key, asset } = found;
  const encodingName = chooseEncoding(asset, acceptedEncodings(request.headers))!;
  const encoding = asset.encodings.get(encodingName)!;
  const etag = `"${Buffer.from(encoding.sha256).toString('hex')}"`;
  const headers = [...responseHeaders(asset, encodingName), ['etag', etag] as HeaderField];
  if (matchesIfNoneMatch(request.headers, etag)) {
    return { status_code: 304, headers, body: new Uint8Array(), upgrade: [], streaming_strategy: [] };
  }
  const token = nextToken(key, encodingName, encoding.sha256, 0, chunkCount(encoding));
  return {
    status_code: 200,
    headers,
    body: chunkOf(encoding, 0),
    upgrade: [],
    streaming_strategy: token ? [{ Callback: { callback, token } }] : [],
  };
}

/** `http_request_streaming_callback`: the chunk the token names, and a token for the next one if any. */
export function streamChunk(assets: AssetTable, token: StreamingCallbackToken): StreamingCallbackHttpResponse {
  const found = assets.find(token.key);
  if (!found) throw new AssetError('Invalid token on streaming: key not found.');
  const encoding = found.asset.encodings.get(token.content_encoding);
  if (!encoding) throw new AssetError('Invalid token on streaming: encoding not found.');
  const sha256 = token.sha256[0];
  if (!sha256) throw new AssetError('sha256 required');
  if (!equalBytes(sha256, encoding.sha256)) throw new AssetError('sha256 mismatch');
  const index = Number(token.index);
  const next = nextToken(token.key, token.content_encoding, encoding.sha256, index, chunkCount(encoding));
  return { body: chunkOf(encoding, index), token: next ? [next] : [] };
}

/** The asset at `path` (or its alias) if it has content to serve. */
function servable(assets: AssetTable, path: string): { key: string; asset: Asset } | undefined {
  const found = assets.find(path);
  return found && found.asset.encodings.size > 0 ? found : undefined;
}

function nextToken(key: string, encoding: string, sha256: Uint8Array, index: number, count: number): StreamingCallbackToken | undefined {
  if (index + 1 >= count) return undefined;
  return { key, content_encoding: encoding, index: BigInt(index + 1), sha256: [sha256] };
}

function responseHeaders(asset: Asset, encoding: string): HeaderField[] {
  const headers = new Map<string, string>([['content-type', asset.contentType]]);
  if (asset.maxAge !== undefined) headers.set('cache-control', `max-age=${asset.maxAge}`);
  if (encoding !== 'identity') headers.set('content-encoding', encoding);
  for (const [name, value] of asset.headers ?? []) headers.set(name.toLowerCase(), value);
  return [...headers];
}

/** Accept-Encoding as a list of encodings, most preferred first; `q=0` excludes one. */
function acceptedEncodings(headers: HeaderField[]): string[] {
  const offers = headerValues(headers, 'accept-encoding').flatMap((value) => value.split(','));
  return offers
    .map((offer) => {
      const [name = '', ...parameters] = offer.split(';').map((part) => part.trim());
      const q = parameters.find((parameter) => parameter.startsWith('q='));
      return { name: name.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((offer) => offer.name !== '' && offer.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((offer) => offer.name);
}

function matchesIfNoneMatch(headers: HeaderField[], etag: string): boolean {
  return headerValues(headers, 'if-none-match')
    .flatMap((value) => value.split(','))
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

function headerValues(headers: HeaderField[], name: string): string[] {
  return headers.filter(([field]) => field.toLowerCase() === name).map(([, value]) => value);
}

function plainResponse(status: number, message: string): HttpResponse {
  return {
    status_code: status,
    headers: [['content-type', 'text/plain; charset=utf-8']],
    body: new TextEncoder().encode(message),
    upgrade: [],
    streaming_strategy: [],
  };
}
