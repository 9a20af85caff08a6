import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { AzlePackage } from './azle-package.js';
import type { AzleCanister } from '../project/dfx-json.js';

export type AzleBuildOutcome = { ok: true; wasmPath: string } | { ok: false; output: string };

/** Where `azle build` writes a canister's wasm. */
export function wasmPathOf(root: string, name: string): string {
  return join(root, '.azle', name, `${name}.wasm`);
}

// Resolved through require rather than import.meta.resolve, which vitest's module runner does not provide.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Runs `azle build <name>` offline, without dfx: the two variables dfx would set tell azle where dfx.json is
 * and where to write the .did.
 *
 * azle's CLI is a TypeScript file whose shebang runs `npx tsx`; loading it into node with tsx directly is the
 * same program without npx's half second of start-up per canister (and without npx looking anything up).
 */
export function runAzleBuild(root: string, canister: AzleCanister, azle: AzlePackage): Promise<AzleBuildOutcome> {
  const child = spawn(process.execPath, ['--import', tsxLoader, azle.cliPath, 'build', canister.name], {
    cwd: root,
    env: { ...process.env, CANISTER_CANDID_PATH: canister.candidPath, AZLE_DFX_ROOT: root },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ ok: false, output: String(error) }));
    child.on('close', (code, signal) => {
      if (code === 0) resolve({ ok: true, wasmPath: wasmPathOf(root, canister.name) });
      else resolve({ ok: false, output: Buffer.concat(output).toString() || `azle exited with ${code ?? signal}` });
    });
  });
}
