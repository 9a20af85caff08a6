import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface SiteFile {
  /** Asset key, e.g. `/about/index.html`. */
  key: string;
  path: string;
  bytes: Buffer;
  contentType: string;
}

/** Larger than the uploader's 1.9 MB single-request limit: it goes up in chunks and comes back streamed. */
export const BIG_FILE_BYTES = 3 * 1024 * 1024 + 12345;

/** A small website in a temporary folder: pages, a script (plus its gzip form), a nested index and a big file. */
export function writeSite(): { dir: string; files: SiteFile[]; gzippedScript: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'chargex-site-'));
  const contents: [string, string, Buffer][] = [
    ['/index.html', 'text/html', Buffer.from('<!doctype html><title>ChargeX</title><h1>home</h1><script src="/app.js"></script>')],
    ['/app.js', 'application/javascript', Buffer.from(`console.log(${JSON.stringify('x'.repeat(2000))});\n`)],
    ['/about/index.html', 'text/html', Buffer.from('<h1>about</h1>')],
    ['/pricing.html', 'text/html', Buffer.from('<h1>pricing</h1>')],
    ['/data/big.bin', 'application/octet-stream', randomBytes(BIG_FILE_BYTES)],
  ];
  const files = contents.map(([key, contentType, bytes]) => {
    const path = join(dir, ...key.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    return { key, path, bytes, contentType };
  });
  return { dir, files, gzippedScript: gzipSync(files[1]!.bytes) };
}
