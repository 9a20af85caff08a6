/**
 * Type-checks every TypeScript project of the repository with `tsc --noEmit`, two at a time. esbuild (and so
 * Azle's build, Vite and tsx) strips types without checking them, so this is the only place types are checked.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from './project/repo-root.js';
import { mapConcurrently } from './build/pool.js';

const PROJECTS = [
  'packages/common',
  'packages/client',
  'canisters/profile',
  'canisters/leasing',
  'canisters/telemetry',
  'canisters/ai',
  'canisters/alerts',
  'canisters/trust',
  'canisters/energy',
  'canisters/ledger',
  'localnet',
  'bridge',
  'frontend',
  'scripts',
  'test',
  'bench',
].filter((project) => existsSync(join(REPO_ROOT, project, 'tsconfig.json')));

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

function check(project: string): Promise<{ project: string; ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project, '--noEmit'], { cwd: REPO_ROOT });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ project, ok: code === 0, output }));
  });
}

const results = await mapConcurrently(PROJECTS, 2, async (project) => {
  const result = await check(project);
  console.log(`${project.padEnd(20)} ${result.ok ? 'ok' : 'FAILED'}`);
  if (!result.ok) console.log(result.output);
  return result;
});
process.exit(results.every((result) => result.ok) ? 0 : 1);
