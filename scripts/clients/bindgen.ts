import { generate } from '@icp-sdk/bindgen/core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * Runs @icp-sdk/bindgen on one .did and returns the single TypeScript file it makes: the `_SERVICE` type, the
 * IDL (`idlService`, `idlFactory`), the init arguments (`idlInitArgs`, `init`; empty when there are none) and
 * the .did's named types.
 *
 * bindgen runs offline (its compiler is a wasm inlined in the package; it only reads the .did). Its actor
 * wrapper is left out: the project's own thin wrappers build on the declarations. It writes into a scratch
 * folder so that a failure never leaves a half-written declaration in the repository.
 */
export async function bindgenDeclarations(didFile: string): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'bindgen-'));
  try {
    await generate({
      didFile,
      outDir: scratch,
      output: { actor: { disabled: true }, declarations: { typescript: true, flat: true, rootExports: true } },
    });
    return await readFile(join(scratch, `${basename(didFile, '.did')}.did.ts`), 'utf8');
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
