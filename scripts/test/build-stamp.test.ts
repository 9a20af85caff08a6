import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { isUpToDate, writeStamp } from '../build/build-stamp.js';

describe('build stamp', () => {
  let dir: string;
  let wasm: string;
  let did: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'build-stamp-'));
    wasm = join(dir, 'demo.wasm');
    did = join(dir, 'demo.did');
    writeFileSync(wasm, 'wasm');
    writeFileSync(did, 'service : {}');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is up to date after a stamp with the same hash', async () => {
    await writeStamp(wasm, 'abc');
    expect(await isUpToDate('abc', [wasm, did])).toBe(true);
  });

  it('is stale with another hash, without a stamp, or when an output is missing', async () => {
    expect(await isUpToDate('abc', [wasm, did])).toBe(false);
    await writeStamp(wasm, 'abc');
    expect(await isUpToDate('abd', [wasm, did])).toBe(false);
    rmSync(did);
    expect(await isUpToDate('abc', [wasm, did])).toBe(false);
  });
});
