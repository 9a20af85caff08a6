import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FRONTEND_DIR = fileURLToPath(new URL('../../frontend/', import.meta.url));

/**
 * Builds the real frontend with Vite for a deployment (the variables dfx and `npm start` give it) into a folder of
 * its own, so a test never touches a developer's frontend/dist. Returns the folder.
 */
export async function buildFrontendFor(env: Record<string, string>): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'chargex-frontend-'));
  // Vite reads prefixed variables from process.env, where they take precedence over a developer's .env file.
  Object.assign(process.env, env);
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const testEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const { build } = await import('vite');
    await build({ root: FRONTEND_DIR, configFile: join(FRONTEND_DIR, 'vite.config.ts'), mode: 'production', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = testEnv;
  }
  return outDir;
}
