import { writeFileSync } from 'node:fs';
import type { Principal } from '@dfinity/principal';

/**
 * Writes the `.env` dfx writes (`output_env_file`): DFX_NETWORK and CANISTER_ID_<NAME> per canister, which the
 * frontend's build reads to find the canisters.
 */
export function writeEnvFile(file: string, env: Record<string, string>): void {
  const lines = ['# Written by npm start (scripts/start.ts), as dfx writes it: do not edit.'];
  for (const [key, value] of Object.entries(env)) lines.push(`${key}=${value}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** The variables dfx gives a frontend build: the network and CANISTER_ID_<NAME> of every canister. */
export function canisterEnv(ids: Record<string, Principal>, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { DFX_NETWORK: 'local' };
  for (const [name, id] of Object.entries(ids)) env[`CANISTER_ID_${name.toUpperCase()}`] = id.toText();
  return { ...env, ...extra };
}
