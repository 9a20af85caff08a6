import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { icAssetsConfig } from './build/ic-assets-plugin';
import { DEFAULT_MAP_ATTRIBUTION, DEFAULT_MAP_TILES } from './build/map-tiles';

// Canister ids come from the .env that `npm start` writes at the repository root, as dfx does (CANISTER_ID_<NAME>).
// CHARGEX_MAP_TILES sets the map's tile URL template ('none' for a map without tiles, as the tests use) and
// CHARGEX_MAP_ATTRIBUTION its credit line; both reach the app and the Content-Security-Policy from here.
process.env.CHARGEX_MAP_TILES ??= DEFAULT_MAP_TILES;
process.env.CHARGEX_MAP_ATTRIBUTION ??= DEFAULT_MAP_ATTRIBUTION;

export default defineConfig({
  plugins: [react(), icAssetsConfig()],
  envDir: fileURLToPath(new URL('..', import.meta.url)),
  envPrefix: ['CANISTER_ID_', 'DFX_', 'CHARGEX_'],
  // No source maps in a deployed build: they would publish the sources.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
});
