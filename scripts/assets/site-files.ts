import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import mime from 'mime';
import { defaultEncodings, encodeContent } from './content-encodings.js';
import { AssetRules, type AssetConfig } from './ic-assets-config.js';

export interface EncodedContent {
  content: Uint8Array;
  sha256: Uint8Array;
}

/** One file of a built site, as it is to be stored: its key, type, properties and every encoding of it. */
export interface SiteAsset {
  key: string;
  contentType: string;
  config: AssetConfig;
  encodings: Map<string, EncodedContent>;
}

/**
 * The files of `root` to upload, with the rules of its `.ic-assets.json5` files applied: ignored files left out,
 * and each file encoded once per encoding its rule (or its type) asks for. A compressed encoding is kept only
 * where it is smaller than the file itself.
 */
export function readSite(root: string): SiteAsset[] {
  const rules = AssetRules.load(root);
  return listFiles(root).flatMap((file) => {
    const relativePath = relative(root, file).split(sep).join('/');
    const config = rules.configFor(relativePath);
    if (config.ignore) return [];
    const contentType = mime.getType(file) ?? 'application/octet-stream';
    const bytes = new Uint8Array(readFileSync(file));
    const encodings = new Map<string, EncodedContent>();
    for (const name of config.encodings ?? defaultEncodings(contentType)) {
      const content = encodeContent(bytes, name);
      if (name !== 'identity' && content.length >= bytes.length) continue;
      encodings.set(name, { content, sha256: new Uint8Array(createHash('sha256').update(content).digest()) });
    }
    return [{ key: `/${relativePath}`, contentType: withCharset(contentType), config, encodings }];
  });
}

/** Text is served as UTF-8, as Vite writes it. */
function withCharset(contentType: string): string {
  return /^text\/|javascript|json/.test(contentType) ? `${contentType}; charset=utf-8` : contentType;
}

/** Every file under `dir`, in a stable order. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listFiles(path) : [path];
    });
}
