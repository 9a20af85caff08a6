import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { relative, sep } from 'node:path';

import { isVirtual, listBundleInputs } from './bundle-inputs.js';
import type { AzleCanister } from '../project/dfx-json.js';
import { tsconfigFilesFor } from './tsconfig-files.js';

/** Environment variables `azle build` bakes into the wasm besides the ones a canister lists in `custom.env`. */
const AZLE_BUILD_ENV = ['AZLE_LOG_ACTIONS', 'AZLE_RECORD_ACTIONS', 'AZLE_RECORD_BENCHMARKS'];

/** One input of a build: its path relative to the dfx root, and its bytes (null when esbuild did not read a file). */
export type HashedFile = { path: string; content: Uint8Array | null };

/**
 * sha256 over everything that decides a canister's wasm: the files (order does not matter) and `settings`
 * (any JSON value: azle version, dfx.json entry, baked-in environment).
 */
export function digestBuildInputs(files: readonly HashedFile[], settings: unknown): string {
  const lines = files
    .map(({ path, content }) => `${path}\t${content === null ? 'virtual' : sha256(content)}`)
    .sort();
  return sha256(JSON.stringify({ settings, files: lines }));
}

/**
 * Computes the input hash of one canister: every file of its bundle (node_modules too, so a dependency update
 * rebuilds), the tsconfig files that compile it, a custom .did, the azle version, its dfx.json entry and the
 * environment azle bakes in. Throws when esbuild cannot bundle it (the real build then reports why).
 */
export async function computeBuildHash(
  root: string,
  canister: AzleCanister,
  azleVersion: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const bundleInputs = await listBundleInputs(canister.main);
  const onDisk = bundleInputs.filter((input) => !isVirtual(input));
  const ownSources = (await Promise.all(onDisk.map((input) => realpath(input)))).filter(
    (path) => !path.split(sep).includes('node_modules'),
  );
  const customCandid = canister.entry.custom?.candid_gen === 'custom' ? [canister.candidPath] : [];
  const paths = [...new Set([...onDisk, ...tsconfigFilesFor(ownSources), ...customCandid])];

  const files: HashedFile[] = [
    ...(await Promise.all(paths.map(async (path) => ({ path: relative(root, path), content: await readFile(path) })))),
    ...bundleInputs.filter(isVirtual).map((path) => ({ path, content: null })),
  ];
  const bakedEnvNames = [...(canister.entry.custom?.env ?? []), ...AZLE_BUILD_ENV];
  const bakedEnv = Object.fromEntries(bakedEnvNames.map((name) => [name, env[name] ?? null]));
  return digestBuildInputs(files, { azleVersion, name: canister.name, entry: canister.entry, bakedEnv });
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
