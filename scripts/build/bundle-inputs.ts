import { build } from 'esbuild';
import { dirname, isAbsolute, join } from 'node:path';

/**
 * Lists every file esbuild reads to bundle the canister at `main` (absolute paths), node_modules included.
 *
 * The entry mirrors the prelude `azle build` bundles (azle's globals plus the canister module), with the same
 * resolution options, so the list matches what ends up in the wasm. Inputs esbuild does not read from disk
 * (e.g. `(disabled):fs`) are returned as they are named in the metafile.
 */
export async function listBundleInputs(main: string): Promise<string[]> {
  const resolveDir = dirname(main);
  const result = await build({
    stdin: {
      // Re-exporting the namespace keeps every export alive, as azle's prelude does by passing it on.
      contents: `import 'azle/_internal/globals';\nexport * as canister from ${JSON.stringify(main)};\n`,
      resolveDir,
      loader: 'ts',
    },
    absWorkingDir: resolveDir,
    bundle: true,
    format: 'esm',
    target: 'es2024',
    preserveSymlinks: true,
    treeShaking: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs)
    .filter((input) => input !== '<stdin>')
    .map((input) => (isVirtual(input) || isAbsolute(input) ? input : join(resolveDir, input)));
}

/** esbuild names inputs outside the file namespace `namespace:path`. */
export function isVirtual(input: string): boolean {
  return /^[^/]+:/.test(input);
}
