import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';

import { runAzleBuild, wasmPathOf } from './azle-build.js';
import { type AzlePackage, readAzlePackage } from './azle-package.js';
import { isUpToDate, writeStamp } from './build-stamp.js';
import { type AzleCanister, readDfxJson, selectAzleCanisters } from '../project/dfx-json.js';
import { mapConcurrently } from './pool.js';
import type { BuildResult } from './progress.js';
import { computeBuildHash } from './source-hash.js';

export type { BuildResult } from './progress.js';
export { formatResult, formatSummary } from './progress.js';

export type BuildCanistersOptions = {
  /** Folder holding dfx.json; outputs land in `root/.azle/<name>/`. */
  root: string;
  /** Canisters to build; every Azle canister of dfx.json when empty or absent. */
  names?: readonly string[];
  /** Rebuild even when the inputs did not change. */
  force?: boolean;
  /** Builds in flight at once; defaults to the number of cores (each build is CPU-bound). */
  concurrency?: number;
  /** Called once, before any build starts, with the canisters about to be built (dfx.json order). */
  onStart?: (names: readonly string[]) => void;
  /** Called once per canister, as soon as it is done. */
  onProgress?: (result: BuildResult) => void;
};

/** Builds the Azle canisters of `root/dfx.json` in parallel, skipping those whose inputs did not change. */
export async function buildCanisters(options: BuildCanistersOptions): Promise<BuildResult[]> {
  const { root, names = [], force = false, concurrency = availableParallelism(), onStart, onProgress } = options;
  const canisters = selectAzleCanisters(await readDfxJson(root), root, names);
  const azle = readAzlePackage();
  onStart?.(canisters.map((canister) => canister.name));
  return mapConcurrently(canisters, concurrency, async (canister) => {
    const result = await buildOne(root, canister, azle, force);
    onProgress?.(result);
    return result;
  });
}

async function buildOne(root: string, canister: AzleCanister, azle: AzlePackage, force: boolean): Promise<BuildResult> {
  const wasmPath = wasmPathOf(root, canister.name);
  // A canister esbuild cannot bundle gets no hash and is built anyway, so that azle reports the error.
  const hash = await computeBuildHash(root, canister, azle.version).catch(() => undefined);
  if (!force && hash !== undefined && (await isUpToDate(hash, [wasmPath, canister.candidPath]))) {
    return { name: canister.name, status: 'unchanged' };
  }

  const started = performance.now();
  const outcome = await runAzleBuild(root, canister, azle);
  const durationMs = performance.now() - started;
  if (!outcome.ok) return { name: canister.name, status: 'failed', durationMs, output: outcome.output };
  if (hash !== undefined) await writeStamp(outcome.wasmPath, hash);
  return { name: canister.name, status: 'built', durationMs, wasmBytes: (await stat(outcome.wasmPath)).size };
}
