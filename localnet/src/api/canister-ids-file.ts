import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** dfx's `.dfx/local/canister_ids.json`: canister name -> { network: id text }. */
export type CanisterIdsFile = Record<string, { local: string }>;

export function readCanisterIds(file: string): CanisterIdsFile {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CanisterIdsFile) : {};
}

export function writeCanisterIds(file: string, ids: CanisterIdsFile): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(ids, null, 2)}\n`);
}
