import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Actor, HttpAgent, type Identity } from '@dfinity/agent';
import type { Principal } from '@dfinity/principal';
import { assetCanisterIdl } from 'localnet';
import { listFiles, readSite } from '../assets/site-files.js';
import { syncAssets, type AssetCanisterActor, type SyncReport } from '../assets/sync-assets.js';

/**
 * Builds the frontend with Vite unless its sources and the canister ids it is built with are unchanged, and
 * reports whether a build happened.
 */
export async function buildFrontend(frontendDir: string, env: Record<string, string>): Promise<'built' | 'unchanged'> {
  const stampFile = join(frontendDir, 'dist', '.build-hash');
  const hash = hashInputs(['src', 'public', 'build', 'index.html', 'vite.config.ts'].map((name) => join(frontendDir, name)), env);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return 'unchanged';
  // Vite takes prefixed variables from process.env as well as from .env files; process.env wins.
  Object.assign(process.env, env);
  const { build } = await import('vite');
  await build({ root: frontendDir, logLevel: 'warn', configFile: join(frontendDir, 'vite.config.ts') });
  writeFileSync(stampFile, hash);
  return 'built';
}

/**
 * Uploads the built site to the asset canister over the replica's HTTP interface as dfx deploys one: every file
 * with the properties its `.ic-assets.json5` rules give it (headers, caching) and its gzip and brotli encodings,
 * changed encodings only, files the new build no longer has deleted, all in one batch.
 */
export async function uploadFrontend(options: {
  distDir: string;
  canisterId: Principal;
  replicaUrl: string;
  identity: Identity;
}): Promise<SyncReport> {
  const agent = await HttpAgent.create({ host: options.replicaUrl, identity: options.identity, shouldFetchRootKey: true });
  const actor = Actor.createActor<AssetCanisterActor>(assetCanisterIdl, { agent, canisterId: options.canisterId });
  return syncAssets(actor, readSite(options.distDir));
}

function hashInputs(paths: string[], env: Record<string, string>): string {
  const hash = createHash('sha256').update(JSON.stringify(env));
  for (const path of paths) {
    if (!existsSync(path)) continue;
    for (const file of statSync(path).isDirectory() ? listFiles(path) : [path]) {
      hash.update(file).update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}
