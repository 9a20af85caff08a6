import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Canister ids come from the .env that `npm start` writes at the repository root, as dfx does (CANISTER_ID_<NAME>).
export default defineConfig({
  plugins: [react()],
  envDir: fileURLToPath(new URL('..', import.meta.url)),
  envPrefix: ['CANISTER_ID_', 'DFX_'],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
