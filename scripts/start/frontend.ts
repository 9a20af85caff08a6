import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { HttpAgent, type Identity } from '@dfinity/agent';
import { AssetManager } from '@dfinity/assets';
import type { Principal } from '@dfinity/principal';

/**
 * Builds the frontend with Vite unless its sources and the canister ids it is built with are unchanged, and
 * reports whether a build happened.
 */
export async function buildFrontend(frontendDir: string, env: Record<string, string>): Promise<'built' | 'unchanged'> {
  const stampFile = join(frontendDir, 'dist', '.build-hash');
  const hash = hashInputs([join(frontendDir, 'src'), join(frontendDir, 'index.html'), join(frontendDir, 'vite.config.ts')], env);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return 'unchanged';
  // Vite takes prefixed variables from process.env as well as from .env files; process.env wins.
  Object.assign(process.env, env);
  const { build } = await import('vite');
  await build({ root: frontendDir, logLevel: 'warn', configFile: join(frontendDir, 'vite.config.ts') });
  writeFileSync(stampFile, hash);
  return 'built';
}

/**
 * Uploads the built site to the asset canister with the official uploader over the replica's HTTP interface, in
 * one batch that also deletes files the new build no longer has (Vite's hashed names change with each build).
 */
export async function uploadFrontend(options: {
  distDir: string;
  canisterId: Principal;
  replicaUrl: string;
  identity: Identity;
}): Promise<{ stored: number; deleted: number }> {
  const agent = await HttpAgent.create({ host: options.replicaUrl, identity: options.identity, shouldFetchRootKey: true });
  const assets = new AssetManager({ canisterId: options.canisterId, agent });
  const files = listFiles(options.distDir).filter((file) => !file.endsWith('.build-hash'));
  const keys = new Set(files.map((file) => `/${relative(options.distDir, file).split(sep).join('/')}`));
  const batch = assets.batch();
  let deleted = 0;
  for (const existing of await assets.list()) {
    if (!keys.has(existing.key)) {
      batch.delete(existing.key);
      deleted++;
    }
  }
  for (const file of files) {
    const key = `/${relative(options.distDir, file).split(sep).join('/')}`;
    const slash = key.lastIndexOf('/');
    // The uploader joins path and file name with '/', so the root folder is the empty path.
    await batch.store(file, { path: key.slice(0, slash), fileName: key.slice(slash + 1) });
  }
  await batch.commit();
  return { stored: files.length, deleted };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function hashInputs(paths: string[], env: Record<string, string>): string {
  const hash = createHash('sha256').update(JSON.stringify(env));
  for (const path of paths) {
    if (!existsSync(path)) continue;
    for (const file of statSync(path).isDirectory() ? listFiles(path).sort() : [path]) {
      hash.update(file).update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}
