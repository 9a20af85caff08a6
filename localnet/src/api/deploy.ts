import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Principal } from '@dfinity/principal';
import { appendCustomSection } from '../wasm/custom-section.js';
import { readCanisterIds, writeCanisterIds } from './canister-ids-file.js';
import type { CallOptions, LocalNet } from './local-net.js';

/** Canister name -> canister id, as dfx keeps it in `.dfx/local/canister_ids.json`. */
export type DeployedCanisters = Record<string, Principal>;

export interface DeployOptions extends CallOptions {
  /** Folder holding dfx.json; Azle's output is expected under `<root>/.azle/<name>/<name>.wasm`. */
  root: string;
  /** Only these canisters (default: every Azle canister of dfx.json). */
  names?: string[];
  /** The candid-encoded init/upgrade argument of a canister, given the ids of all deployed canisters. */
  initArg?: (name: string, ids: DeployedCanisters) => Uint8Array;
  /** Where ids are remembered between runs (dfx's format); the default is dfx's own place. */
  canisterIdsFile?: string;
  /** Report one line per canister. */
  onProgress?: (name: string, action: 'installed' | 'upgraded' | 'unchanged') => void;
}

interface DfxCanister {
  type?: string;
  candid?: string;
  metadata?: { name: string }[];
}

/**
 * Deploys the Azle canisters of a dfx.json like `dfx deploy`: creates missing canisters first (so every
 * init argument can name every peer), installs new ones, upgrades changed ones (keeping their stable data) and
 * leaves unchanged ones alone. Returns the ids.
 */
export async function deployDfxProject(net: LocalNet, options: DeployOptions): Promise<DeployedCanisters> {
  const dfx = JSON.parse(readFileSync(join(options.root, 'dfx.json'), 'utf8')) as { canisters: Record<string, DfxCanister> };
  const names = options.names ?? Object.keys(dfx.canisters).filter((name) => dfx.canisters[name]!.type === 'azle');
  const idsFile = options.canisterIdsFile ?? join(options.root, '.dfx', 'local', 'canister_ids.json');
  const known = readCanisterIds(idsFile);
  const ids: DeployedCanisters = {};
  for (const name of names) {
    const existing = known[name]?.local;
    const id = existing && net.replica.getCanister(Principal.fromText(existing)) ? Principal.fromText(existing) : undefined;
    ids[name] = id ?? (await net.createCanister(options));
    known[name] = { local: ids[name]!.toText() };
  }
  writeCanisterIds(idsFile, known);

  for (const name of names) {
    const canisterId = ids[name]!;
    const wasm = moduleWithMetadata(options.root, name, dfx.canisters[name]!);
    const status = await net.canisterStatus(canisterId, options);
    const installedHash = status.module_hash[0];
    const newHash = createHash('sha256').update(wasm).digest();
    if (installedHash && Buffer.from(installedHash).equals(newHash)) {
      options.onProgress?.(name, 'unchanged');
      continue;
    }
    const mode = installedHash ? 'upgrade' : 'install';
    await net.installCode({ ...options, canisterId, wasm, arg: options.initArg?.(name, ids), mode });
    options.onProgress?.(name, mode === 'install' ? 'installed' : 'upgraded');
  }
  return ids;
}

function moduleWithMetadata(root: string, name: string, canister: DfxCanister): Uint8Array {
  const wasmFile = join(root, '.azle', name, `${name}.wasm`);
  if (!existsSync(wasmFile)) throw new Error(`${wasmFile} does not exist: build the canister first (npm run build)`);
  let wasm: Uint8Array = new Uint8Array(readFileSync(wasmFile));
  const wantsCandid = canister.metadata?.some((entry) => entry.name === 'candid:service');
  if (wantsCandid && canister.candid && existsSync(join(root, canister.candid))) {
    wasm = appendCustomSection(wasm, 'icp:public candid:service', readFileSync(join(root, canister.candid)));
  }
  return wasm;
}
