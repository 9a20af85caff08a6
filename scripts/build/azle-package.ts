import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from '../project/repo-root.js';

/** The installed azle: its version (part of every build hash) and its CLI script. */
export type AzlePackage = { version: string; cliPath: string };

/** Reads the azle package installed at the repository root. */
export function readAzlePackage(): AzlePackage {
  // azle's package.json is not in its "exports", so it is read from node_modules rather than resolved.
  const dir = join(REPO_ROOT, 'node_modules', 'azle');
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    version: string;
    bin: { azle: string };
  };
  return { version: manifest.version, cliPath: join(dir, manifest.bin.azle) };
}
