import { createHash } from 'node:crypto';
import { AssetError } from './asset-errors.js';

/**
 * Chunk size for `get`/`get_chunk` and HTTP streaming. Content is kept whole and cut here rather than at the
 * uploader's boundaries, so every chunk but the last has the same length (which `@dfinity/assets` relies on),
 * and each stays below the 2 MiB reply limit with room for the candid envelope.
 */
export const CHUNK_BYTES = 1_900_000;

/** dfx's order for picking an encoding when none of the requested ones exists. */
const ENCODING_PREFERENCE = ['identity', 'gzip', 'compress', 'deflate', 'br'];

export interface AssetEncoding {
  content: Uint8Array;
  sha256: Uint8Array;
  modifiedNs: bigint;
}

export interface Asset {
  contentType: string;
  encodings: Map<string, AssetEncoding>;
  maxAge?: bigint;
  headers?: [string, string][];
  /** Whether `/x` and `/x/` find this asset when it is `/x.html` or `/x/index.html` (default: yes). */
  isAliased?: boolean;
  allowRawAccess?: boolean;
}

/** The assets of one asset canister, keyed by path (`/index.html`), with dfx's aliasing rules. */
export class AssetTable {
  constructor(readonly assets = new Map<string, Asset>()) {}

  /** An independent copy: a failing batch is applied to a copy and dropped, so it changes nothing. */
  clone(): AssetTable {
    const copy = new Map<string, Asset>();
    for (const [key, asset] of this.assets) copy.set(key, { ...asset, encodings: new Map(asset.encodings) });
    return new AssetTable(copy);
  }

  /** The asset at `key`, or the one it aliases: `/x` -> `/x.html`, `/x/index.html`; `/x/` -> `/x/index.html`. */
  find(key: string): { key: string; asset: Asset } | undefined {
    const exact = this.assets.get(key);
    if (exact) return { key, asset: exact };
    for (const alias of aliasesOf(key)) {
      const asset = this.assets.get(alias);
      if (asset && asset.isAliased !== false) return { key: alias, asset };
    }
    return undefined;
  }

  /** Every request path that `find` resolves to the asset at `key`: the key itself and its aliases. */
  servedPaths(key: string): string[] {
    return [key, ...reverseAliasesOf(key)].filter((path) => this.find(path)?.key === key);
  }

  /** Like `find`, but an error if absent. */
  get(key: string): { key: string; asset: Asset } {
    const found = this.find(key);
    if (!found) throw new AssetError('asset not found');
    return found;
  }

  /**
   * CreateAsset as dfx's asset canister does it: creating an asset that exists with the same content type is a
   * no-op (uploaders re-create every file they store), a different content type is an error.
   */
  create(key: string, asset: Asset): void {
    const existing = this.assets.get(key);
    if (existing) {
      if (existing.contentType !== asset.contentType) throw new AssetError('create_asset: content type mismatch');
      return;
    }
    this.assets.set(key, asset);
  }

  /** The asset itself, without aliasing (what mutations address). */
  exact(key: string): Asset {
    const asset = this.assets.get(key);
    if (!asset) throw new AssetError('asset not found');
    return asset;
  }

  setContent(key: string, encoding: string, content: Uint8Array, expectedSha256: Uint8Array | undefined, nowNs: bigint): void {
    const asset = this.exact(key);
    const sha256 = sha256Of(content);
    if (expectedSha256 && !equalBytes(expectedSha256, sha256)) throw new AssetError('sha256 mismatch');
    asset.encodings.set(encoding, { content, sha256, modifiedNs: nowNs });
  }

  /** `store`: creates or replaces the asset's content type and one encoding in a single step. */
  store(key: string, contentType: string, encoding: string, content: Uint8Array, expectedSha256: Uint8Array | undefined, nowNs: bigint): void {
    const asset = this.assets.get(key) ?? { contentType, encodings: new Map() };
    asset.contentType = contentType;
    this.assets.set(key, asset);
    this.setContent(key, encoding, content, expectedSha256, nowNs);
  }

  unsetContent(key: string, encoding: string): void {
    this.exact(key).encodings.delete(encoding);
  }

  delete(key: string): void {
    this.assets.delete(key);
  }

  clear(): void {
    this.assets.clear();
  }

  /** Keys in order, for a stable `list`. */
  keys(): string[] {
    return [...this.assets.keys()].sort();
  }
}

/** The encoding to serve: the first acceptable one the asset has, else the best it has in dfx's order. */
export function chooseEncoding(asset: Asset, accepted: readonly string[]): string | undefined {
  const requested = accepted.find((name) => asset.encodings.has(name));
  if (requested) return requested;
  const names = [...ENCODING_PREFERENCE, ...asset.encodings.keys()];
  return names.find((name) => asset.encodings.has(name));
}

export function chunkCount(encoding: AssetEncoding): number {
  return Math.max(1, Math.ceil(encoding.content.length / CHUNK_BYTES));
}

export function chunkOf(encoding: AssetEncoding, index: number): Uint8Array {
  if (!Number.isSafeInteger(index) || index < 0 || index >= chunkCount(encoding)) throw new AssetError('chunk index out of bounds');
  return encoding.content.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES);
}

export function sha256Of(content: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(content).digest());
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/** The paths whose aliases may include `key` (`/x/index.html` <- `/x/`, `/x`; `/x.html` <- `/x`). */
function reverseAliasesOf(key: string): string[] {
  if (key.endsWith('/index.html')) {
    const folder = key.slice(0, -'index.html'.length);
    return folder === '/' ? [folder] : [folder, folder.slice(0, -1)];
  }
  return key.endsWith('.html') ? [key.slice(0, -'.html'.length)] : [];
}

function aliasesOf(key: string): string[] {
  if (key.endsWith('/')) return [`${key}index.html`];
  if (key.endsWith('.html')) return [];
  return [`${key}.html`, `${key}/index.html`];
}
