import type { Principal } from '@dfinity/principal';
import { AssetError } from './asset-errors.js';
import type { HeaderField, HttpRequest, HttpResponse, StreamingCallbackHttpResponse, StreamingCallbackToken } from './asset-idl.js';
import { assetResponseHeaders, EMPTY_BODY_SHA256, etagOf } from './asset-response.js';
import { type Asset, type AssetTable, chooseEncoding, chunkCount, chunkOf, equalBytes } from './asset-table.js';
import type { AssetCertification, ServedBy } from './certification/asset-certification.js';
import { CERTIFICATE_HEADER } from './certification/expression.js';

/** Served for any path that matches no asset, so single-page apps can route on the client (dfx's default). */
export const FALLBACK_KEY = '/index.html';

/** What certifies responses: the canister's tree and the subnet's certificate of its root hash. */
export interface ResponseCertifier {
  certification: AssetCertification;
  certificate: Uint8Array;
}

/**
 * Answers `http_request` like dfx's asset canister: path aliasing, the `/index.html` fallback, the encoding
 * chosen from Accept-Encoding, an ETag of the content's SHA-256 (304 when If-None-Match has it), the first
 * chunk of a large asset with a streaming callback for the rest, and, given a certifier, the `IC-Certificate`
 * header of response verification v2 (a query outside any certified context has none to give).
 */
export function serveHttp(assets: AssetTable, request: HttpRequest, callback: [Principal, string], certifier?: ResponseCertifier): HttpResponse {
  const rawPath = request.url.split('?')[0]!;
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return plainResponse(400, `failed to decode path '${rawPath}'`);
  }
  const exact = servable(assets, path);
  const found = exact ?? servable(assets, FALLBACK_KEY);
  if (!found) return plainResponse(404, 'not found');
  const servedBy: ServedBy = exact ? 'exact' : 'fallback';
  const { key, asset } = found;
  const rawHost = headerValues(request.headers, 'host').find((host) => /\.raw\./.test(host));
  if (rawHost && asset.allowRawAccess === false) return redirectFromRaw(rawHost, request.url);
  const encodingName = chooseEncoding(asset, acceptedEncodings(request.headers))!;
  const encoding = asset.encodings.get(encodingName)!;
  const headers = assetResponseHeaders(asset, encodingName, encoding);
  const notModified = matchesIfNoneMatch(request.headers, etagOf(encoding));
  const status = notModified ? 304 : 200;
  if (certifier) {
    const bodySha256 = notModified ? EMPTY_BODY_SHA256 : encoding.sha256;
    const value = certifier.certification.certificateHeader(certifier.certificate, path, servedBy, { status, headers, bodySha256 });
    headers.push([CERTIFICATE_HEADER, value]);
  }
  if (notModified) return { status_code: 304, headers, body: new Uint8Array(), upgrade: [], streaming_strategy: [] };
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

/** Among encodings a client accepts equally, the smallest first (browsers list br last but decode it fine). */
const SERVER_PREFERENCE = ['br', 'gzip', 'deflate', 'compress', 'identity'];

/** Accept-Encoding as a list of encodings, most preferred first; `q=0` excludes one. */
function acceptedEncodings(headers: HeaderField[]): string[] {
  const offers = headerValues(headers, 'accept-encoding').flatMap((value) => value.split(','));
  const rank = (name: string) => {
    const index = SERVER_PREFERENCE.indexOf(name);
    return index === -1 ? SERVER_PREFERENCE.length : index;
  };
  return offers
    .map((offer) => {
      const [name = '', ...parameters] = offer.split(';').map((part) => part.trim());
      const q = parameters.find((parameter) => parameter.startsWith('q='));
      return { name: name.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((offer) => offer.name !== '' && offer.q > 0)
    .sort((a, b) => b.q - a.q || rank(a.name) - rank(b.name))
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

/** An asset that may not be read uncertified sends raw-host visitors to the certified host, as dfx's does. */
function redirectFromRaw(rawHost: string, url: string): HttpResponse {
  return {
    status_code: 308,
    headers: [['location', `//${rawHost.replace('.raw.', '.')}${url}`]],
    body: new Uint8Array(),
    upgrade: [],
    streaming_strategy: [],
  };
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
