import type { Plugin } from 'vite';
import { contentSecurityPolicy, type Deployment } from './content-security-policy.js';

/** Vite puts content hashes in these names: a changed file gets a new name, so a cached one never goes stale. */
const HASHED_ASSETS = 'assets/**';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Writes the site's `.ic-assets.json5` into the build, as dfx reads it when it uploads: security headers with a
 * Content-Security-Policy made for this deployment's canisters on every file, hashed files cached for a year,
 * index.html revalidated on every load (it names the current hashed files), and source maps never uploaded.
 */
export function icAssetsConfig(): Plugin {
  let deployment: Deployment;
  return {
    name: 'chargex-ic-assets-config',
    apply: 'build',
    configResolved(config) {
      deployment = deploymentOf(config.env as Record<string, string | undefined>);
    },
    generateBundle() {
      const rules = [
        {
          match: '**/*',
          headers: {
            'Content-Security-Policy': contentSecurityPolicy(deployment),
            'X-Content-Type-Options': 'nosniff',
            'X-Frame-Options': 'DENY',
            'Referrer-Policy': 'same-origin',
            'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
            'Cache-Control': 'public, max-age=3600',
          },
          allow_raw_access: false,
        },
        { match: HASHED_ASSETS, headers: { 'Cache-Control': `public, max-age=${ONE_YEAR_SECONDS}, immutable` } },
        { match: 'index.html', headers: { 'Cache-Control': 'no-cache' } },
        { match: '**/*.map', ignore: true },
      ];
      const header = '// Written by the build (frontend/build/ic-assets-plugin.ts) for this deployment: do not edit.\n';
      this.emitFile({ type: 'asset', fileName: '.ic-assets.json5', source: header + JSON.stringify(rules, null, 2) + '\n' });
    },
  };
}

/** The canisters and settings of the deployment, from CANISTER_ID_<NAME>, DFX_NETWORK and CHARGEX_MAP_TILES. */
export function deploymentOf(env: Record<string, string | undefined>): Deployment {
  const canisters: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const canister = /^CANISTER_ID_(.+)$/.exec(name)?.[1]?.toLowerCase();
    if (!canister || !value || canister === 'frontend' || canister === 'internet_identity') continue;
    canisters[canister] = value;
  }
  const tiles = env.CHARGEX_MAP_TILES;
  return { network: env.DFX_NETWORK === 'ic' ? 'ic' : 'local', canisters, mapTiles: tiles && tiles !== 'none' ? tiles : undefined };
}
