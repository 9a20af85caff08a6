import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../project/repo-root.js';
import type { AzleCanister } from '../project/dfx-json.js';
import { computeBuildHash, digestBuildInputs } from '../build/source-hash.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('digestBuildInputs', () => {
  const files = [
    { path: 'src/a.ts', content: bytes('a') },
    { path: 'src/b.ts', content: bytes('b') },
  ];
  const base = digestBuildInputs(files, { azleVersion: '0.33.0' });

  it('does not depend on the order of the files', () => {
    expect(digestBuildInputs([...files].reverse(), { azleVersion: '0.33.0' })).toBe(base);
  });

  it('changes with a file content, a file path, an added file or the settings', () => {
    const variants = [
      digestBuildInputs([files[0]!, { path: 'src/b.ts', content: bytes('B') }], { azleVersion: '0.33.0' }),
      digestBuildInputs([files[0]!, { path: 'src/c.ts', content: bytes('b') }], { azleVersion: '0.33.0' }),
      digestBuildInputs([...files, { path: '(disabled):fs', content: null }], { azleVersion: '0.33.0' }),
      digestBuildInputs(files, { azleVersion: '0.34.0' }),
    ];
    expect(new Set([base, ...variants]).size).toBe(5);
  });
});

describe('computeBuildHash', () => {
  let root: string;
  let canister: AzleCanister;
  const hash = (env: NodeJS.ProcessEnv = {}, azleVersion = '0.33.0') =>
    computeBuildHash(root, canister, azleVersion, env);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'source-hash-'));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'index.ts'), "import { answer } from './answer';\nexport default class { x = answer; }\n");
    writeFileSync(join(root, 'src', 'answer.ts'), 'export const answer = 42;\n');
    writeFileSync(join(root, 'src', 'unrelated.ts'), 'export const unused = 1;\n');
    const entry = { type: 'azle', main: 'src/index.ts', custom: { env: ['GREETING'] } };
    canister = { name: 'demo', main: join(root, 'src', 'index.ts'), candidPath: join(root, 'demo.did'), entry };
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is stable while nothing changes', async () => {
    expect(await hash()).toBe(await hash());
  });

  it('changes when a file the canister imports changes', async () => {
    const before = await hash();
    writeFileSync(join(root, 'src', 'answer.ts'), 'export const answer = 43;\n');
    expect(await hash()).not.toBe(before);
  });

  it('ignores files the canister does not import', async () => {
    const before = await hash();
    writeFileSync(join(root, 'src', 'unrelated.ts'), 'export const unused = 2;\n');
    writeFileSync(join(root, 'README.md'), 'notes\n');
    expect(await hash()).toBe(before);
  });

  it('changes with a tsconfig.json above the sources, which changes how esbuild compiles them', async () => {
    const before = await hash();
    writeFileSync(join(root, 'tsconfig.json'), '{"compilerOptions": {"useDefineForClassFields": false}}');
    expect(await hash()).not.toBe(before);
  });

  it('changes with the azle version and with the environment azle bakes into the wasm', async () => {
    const before = await hash({ UNRELATED: 'x' });
    expect(await hash({}, '0.34.0')).not.toBe(before);
    expect(await hash({ GREETING: 'hi' })).not.toBe(before);
    expect(await hash({ AZLE_LOG_ACTIONS: 'true' })).not.toBe(before);
  });

  it('covers a hand-written .did only when candid_gen is "custom"', async () => {
    writeFileSync(canister.candidPath, 'service : {}');
    canister.entry.custom = { candid_gen: 'automatic' };
    const automatic = await hash();
    writeFileSync(canister.candidPath, 'service : { f : () -> () }');
    expect(await hash()).toBe(automatic);

    canister.entry.custom = { candid_gen: 'custom' };
    const custom = await hash();
    writeFileSync(canister.candidPath, 'service : {}');
    expect(await hash()).not.toBe(custom);
  });

  it('throws when esbuild cannot bundle the canister', async () => {
    writeFileSync(join(root, 'src', 'answer.ts'), 'export const answer = ;\n');
    await expect(hash()).rejects.toThrow(/Unexpected/);
  });
});
