/**
 * The lock file and package.json agree, the way `npm ci` checks them on a fresh clone of any platform: every
 * optional dependency a locked package names (the per-platform builds of rollup, esbuild, ...) has its own entry,
 * and every workspace's dependencies are locked. Plain reading, no network: it fails as soon as an `npm install`
 * on one platform drops the other platforms' packages again. CI's setup runs `npm install` first, so a lock file
 * that install would rewrite also shows here as a change against the commit.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface LockEntry {
  version?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const packages = lock.packages;

/** The entry Node would load `name` from when required by the package at `from` (nearest node_modules upwards). */
function resolve(from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (candidate in packages) return candidate;
    if (!base) return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent >= 0 ? base.slice(0, parent) : '';
  }
}

describe('package-lock.json', () => {
  it("records every platform's optional packages that npm ci asks for", () => {
    const missing = Object.entries(packages).flatMap(([path, entry]) =>
      Object.keys(entry.optionalDependencies ?? {})
        .filter((name) => resolve(path, name) === undefined)
        .map((name) => `${name} (optional dependency of ${path || 'the root'})`),
    );
    expect(missing, 'regenerate the lock file so it holds every platform: see README, "Dependencies"').toEqual([]);
  });

  it('locks every dependency each workspace declares', () => {
    const workspaces = Object.entries(packages).filter(([path, entry]) => !path.includes('node_modules/') && !entry.link);
    const missing = workspaces.flatMap(([path, entry]) =>
      Object.keys({ ...entry.dependencies, ...entry.devDependencies })
        .filter((name) => resolve(path, name) === undefined)
        .map((name) => `${name} (of ${path || 'the root'})`),
    );
    expect(missing).toEqual([]);
  });

  it('is what `npm install` left it: unchanged against the commit', () => {
    let changed: string;
    try {
      changed = execFileSync('git', ['status', '--porcelain', '--', 'package-lock.json'], { cwd: ROOT, encoding: 'utf8' });
    } catch {
      return; // not a git checkout (a packed copy): nothing to compare with
    }
    expect(changed.trim(), 'npm install rewrote package-lock.json: commit the new lock file, with every platform').toBe('');
  });
});
