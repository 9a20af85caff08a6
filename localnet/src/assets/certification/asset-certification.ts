import { digest, type HashTree } from '../../http/hash-tree.js';
import { encodeCbor } from '../../http/cbor.js';
import { LabeledTree } from '../../http/labeled-tree.js';
import type { HeaderField } from '../asset-idl.js';
import { assetResponseHeaders, EMPTY_BODY_SHA256 } from '../asset-response.js';
import type { Asset, AssetTable } from '../asset-table.js';
import { ASSET_EXPRESSION_HASH } from './expression.js';
import { responseHash } from './response-hash.js';
import { exactPath, morePreciseThanWildcard, toLabels, wildcardPath } from './tree-paths.js';
import { witness } from './witness.js';

/** How a response was found: the asset at the request path (or an alias of it), or the SPA fallback. */
export type ServedBy = 'exact' | 'fallback';

/** The prefix the fallback page is certified under: every path. */
const FALLBACK_PREFIX = '/';

/** A response to certify: what the gateway will hash. */
export interface CertifiedResponse {
  status: number;
  headers: readonly HeaderField[];
  bodySha256: Uint8Array;
}

/**
 * The asset canister's certification tree (response verification v2): under `http_expr`, each path that serves
 * an asset (its key and aliases) with `<$>`, and the fallback page under the `<*>` of `/`; below each, the
 * expression hash, the empty request hash, and one leaf per response it may give: every encoding, as 200 and as
 * the 304 that answers a matching If-None-Match. Its root hash is the canister's certified data.
 */
export class AssetCertification {
  private constructor(private readonly tree: HashTree) {}

  static of(assets: AssetTable, fallbackKey: string): AssetCertification {
    const tree = new LabeledTree();
    const certify = (expressionPath: string[], asset: Asset): void => {
      for (const [name, encoding] of asset.encodings) {
        const headers = assetResponseHeaders(asset, name, encoding);
        for (const [status, bodySha256] of [[200, encoding.sha256], [304, EMPTY_BODY_SHA256]] as const) {
          const path = [...expressionPath, ASSET_EXPRESSION_HASH, '', responseHash(status, headers, bodySha256)];
          tree.set(toLabels(path), new Uint8Array());
        }
      }
    };
    for (const key of assets.keys()) {
      const asset = assets.exact(key);
      for (const path of assets.servedPaths(key)) certify(exactPath(path), asset);
    }
    const fallback = assets.find(fallbackKey);
    if (fallback) certify(wildcardPath(FALLBACK_PREFIX), fallback.asset);
    return new AssetCertification(tree.toHashTree());
  }

  /** What the canister sets as its certified data. */
  get rootHash(): Uint8Array {
    return digest(this.tree);
  }

  /**
   * The `IC-Certificate` header for `response` to a request for `path` (decoded): the subnet's certificate of
   * the certified data, the witness of the response's leaf (and, for the fallback, of every more precise path
   * being absent), its expression path and the version.
   */
  certificateHeader(certificate: Uint8Array, path: string, servedBy: ServedBy, response: CertifiedResponse): string {
    const expressionPath = servedBy === 'exact' ? exactPath(path) : wildcardPath(FALLBACK_PREFIX);
    const leaf = [...expressionPath, ASSET_EXPRESSION_HASH, '', responseHash(response.status, response.headers, response.bodySha256)];
    const absent = servedBy === 'fallback' ? morePreciseThanWildcard(path, FALLBACK_PREFIX) : [];
    const proof = witness(this.tree, [leaf, ...absent].map(toLabels));
    const field = (name: string, bytes: Uint8Array) => `${name}=:${Buffer.from(bytes).toString('base64')}:`;
    return [
      field('certificate', certificate),
      field('tree', encodeCbor(proof)),
      field('expr_path', encodeCbor(expressionPath)),
      'version=2',
    ].join(', ');
  }
}
