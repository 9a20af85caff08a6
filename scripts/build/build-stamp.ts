import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The input hash of the last successful build, kept beside its wasm. `azle build` empties that folder first, so
 * a failed or interrupted build never leaves a stamp that would vouch for a stale wasm.
 */
function stampPath(wasmPath: string): string {
  return join(dirname(wasmPath), '.build-hash');
}

/** True when the outputs exist and were built from inputs with this hash. */
export async function isUpToDate(hash: string, outputs: readonly string[]): Promise<boolean> {
  const [wasmPath] = outputs;
  if (wasmPath === undefined || !outputs.every((path) => existsSync(path))) return false;
  const stamp = await readFile(stampPath(wasmPath), 'utf8').catch(() => undefined);
  return stamp?.trim() === hash;
}

/** Records that the wasm at `wasmPath` was built from inputs with this hash. */
export async function writeStamp(wasmPath: string, hash: string): Promise<void> {
  await writeFile(stampPath(wasmPath), `${hash}\n`);
}
