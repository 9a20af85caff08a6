import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';

import { relativeExtends, tsconfigFilesFor } from '../build/tsconfig-files.js';

describe('relativeExtends', () => {
  it('reads a single relative target, ignoring comments around it', () => {
    expect(relativeExtends('{\n  // base settings\n  "extends": "../../tsconfig.base.json",\n}')).toEqual([
      '../../tsconfig.base.json',
    ]);
  });

  it('reads an array and drops package targets', () => {
    expect(relativeExtends('{"extends": ["./a.json", "@tsconfig/node20", "../b"]}')).toEqual(['./a.json', '../b']);
  });

  it('returns nothing without extends', () => {
    expect(relativeExtends('{"compilerOptions": {}}')).toEqual([]);
  });
});

describe('tsconfigFilesFor', () => {
  it('finds the nearest tsconfig of each source and what it extends', () => {
    const root = mkdtempSync(join(tmpdir(), 'tsconfig-files-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(join(root, 'a', 'src'), { recursive: true });
    mkdirSync(join(root, 'b', 'src'), { recursive: true });
    writeFileSync(join(root, 'tsconfig.base.json'), '{}');
    writeFileSync(join(root, 'a', 'tsconfig.json'), '{"extends": "../tsconfig.base"}');
    writeFileSync(join(root, 'tsconfig.json'), '{}');

    expect(tsconfigFilesFor([join(root, 'a', 'src', 'x.ts'), join(root, 'b', 'src', 'y.ts')])).toEqual([
      join(root, 'a', 'tsconfig.json'),
      join(root, 'tsconfig.base.json'),
      join(root, 'tsconfig.json'),
    ]);
  });
});
