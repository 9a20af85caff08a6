import type { HeaderField } from './asset-idl.js';
import type { Asset, AssetEncoding } from './asset-table.js';
import { ASSET_CERTIFICATE_EXPRESSION, CERTIFICATE_EXPRESSION_HEADER } from './certification/expression.js';

/**
 * The headers of a response serving one encoding of an asset, the same for 200 and 304: content type,
 * Cache-Control from max_age, Content-Encoding, the asset's own headers (which win), the ETag of the content and
 * the certificate expression. Serving and certification both build them here, so what is certified is what is
 * served.
 */
export function assetResponseHeaders(asset: Asset, encodingName: string, encoding: AssetEncoding): HeaderField[] {
  const headers = new Map<string, string>([['content-type', asset.contentType]]);
  if (asset.maxAge !== undefined) headers.set('cache-control', `max-age=${asset.maxAge}`);
  if (encodingName !== 'identity') headers.set('content-encoding', encodingName);
  for (const [name, value] of asset.headers ?? []) headers.set(name.toLowerCase(), value);
  headers.set('etag', etagOf(encoding));
  headers.set(CERTIFICATE_EXPRESSION_HEADER, ASSET_CERTIFICATE_EXPRESSION);
  return [...headers];
}

/** A strong ETag: the SHA-256 of the encoded content. */
export function etagOf(encoding: AssetEncoding): string {
  return `"${Buffer.from(encoding.sha256).toString('hex')}"`;
}

/** SHA-256 of an empty body (what a 304 certifies). */
export const EMPTY_BODY_SHA256 = new Uint8Array(Buffer.from('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hex'));
