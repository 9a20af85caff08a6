import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { REPO_ROOT } from './project/repo-root.js';
import { readDfxJson, selectCandidCanisters } from './project/dfx-json.js';
import { renderBarrel } from './clients/barrel.js';
import { bindgenDeclarations } from './clients/bindgen.js';
import { toProjectDeclarations } from './clients/declarations.js';

const USAGE = 'usage: tsx scripts/generate-clients.ts [--root DIR] [--out DIR]';
const DEFAULT_OUT = join(REPO_ROOT, 'packages', 'client', 'src', 'declarations');

/**
 * Generates packages/client's declarations from the .did file of every dfx.json canister that names one.
 * A .did that does not exist yet (its canister was never built) is skipped, keeping earlier declarations;
 * declarations of canisters that left dfx.json are removed.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { root: { type: 'string' }, out: { type: 'string' } } });
  const root = values.root === undefined ? REPO_ROOT : resolve(values.root);
  const out = values.out === undefined ? DEFAULT_OUT : resolve(values.out);
  const canisters = selectCandidCanisters(await readDfxJson(root), root);
  await mkdir(out, { recursive: true });

  const declared: string[] = [];
  for (const { name, candid, candidPath } of canisters) {
    const target = join(out, name, `${name}.did.ts`);
    if (!existsSync(candidPath)) {
      const kept = existsSync(target) ? 'kept the declarations of an earlier run' : 'no declarations';
      console.log(`${name}: ${candid} does not exist (build the canister first), ${kept}`);
      if (existsSync(target)) declared.push(name);
      continue;
    }
    const declarations = toProjectDeclarations(await bindgenDeclarations(candidPath), candid);
    await mkdir(join(out, name), { recursive: true });
    await writeFile(target, declarations);
    declared.push(name);
    console.log(`${name}: ${candid} -> ${relative(process.cwd(), target)}`);
  }

  await removeStale(out, new Set(canisters.map((canister) => canister.name)));
  await writeFile(join(out, 'index.ts'), renderBarrel(declared));
  console.log(`${declared.length} of ${canisters.length} canisters have declarations in ${relative(process.cwd(), out)}`);
}

async function removeStale(out: string, current: ReadonlySet<string>): Promise<void> {
  for (const entry of await readdir(out, { withFileTypes: true })) {
    if (entry.isDirectory() && !current.has(entry.name)) {
      await rm(join(out, entry.name), { recursive: true });
      console.log(`${entry.name}: no longer in dfx.json, declarations removed`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
