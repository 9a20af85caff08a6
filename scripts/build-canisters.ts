import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { REPO_ROOT } from './project/repo-root.js';
import { buildCanisters, formatResult, formatSummary } from './build/index.js';

const USAGE = 'usage: tsx scripts/build-canisters.ts [--root DIR] [--force] [canister...]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { root: { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const root = values.root === undefined ? REPO_ROOT : resolve(values.root);
  const concurrency = availableParallelism();
  let nameWidth = 0;

  const started = performance.now();
  const results = await buildCanisters({
    root,
    names: positionals,
    force: values.force,
    concurrency,
    onStart: (names) => {
      nameWidth = Math.max(...names.map((name) => name.length));
      const forced = values.force ? ', forced' : '';
      console.log(`building ${names.length} Azle canisters of ${root}/dfx.json (${concurrency} at a time${forced})`);
    },
    onProgress: (result) => console.log(formatResult(result, nameWidth)),
  });
  console.log(formatSummary(results, performance.now() - started));
  return results.some((result) => result.status === 'failed') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    process.exit(2);
  },
);
