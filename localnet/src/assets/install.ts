import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Principal } from '@dfinity/principal';
import type { LocalNet } from '../api/local-net.js';
import type { Canister } from '../canister/canister.js';
import { AssetCanister } from './asset-canister.js';
import { AssetPersistence } from './asset-persistence.js';

export interface InstallAssetCanisterOptions {
  /** Controllers of a canister created here (default: the local controller identity). */
  controllers?: Principal[];
  /** Use this id: an existing empty canister becomes the asset canister, otherwise one is created with it. */
  canisterId?: Principal;
}

/**
 * Makes a canister of the replica the built-in asset canister and returns its id. Its controllers may commit,
 * as dfx's installer may. Calling it again for the same canister keeps the assets it has.
 */
export async function installAssetCanister(net: LocalNet, options: InstallAssetCanisterOptions = {}): Promise<Principal> {
  let canister = options.canisterId && net.replica.getCanister(options.canisterId);
  if (!canister) {
    const id = await net.createCanister({ controllers: options.controllers, specifiedId: options.canisterId });
    canister = net.replica.getCanister(id)!;
  }
  if (canister.native instanceof AssetCanister) return canister.id;
  if (canister.native || canister.runtime) throw new Error(`canister ${canister.id.toText()} already has code installed`);
  const { native, restored } = attach(net, canister);
  if (!restored) native.grantCommit(canister.settings.controllers);
  return canister.id;
}

/**
 * Re-attaches the asset canisters saved under the replica's state folder after a restart; a saved one whose
 * canister no longer exists is removed. The folders under `assets/` are the registry: one per canister id.
 */
export function restoreAssetCanisters(net: LocalNet): void {
  const root = assetsRoot(net);
  if (!root || !existsSync(root)) return;
  for (const id of readdirSync(root)) {
    const canister = net.replica.canisters.get(id);
    if (canister) attach(net, canister);
    else rmSync(join(root, id), { recursive: true, force: true });
  }
}

function attach(net: LocalNet, canister: Canister): { native: AssetCanister; restored: boolean } {
  const root = assetsRoot(net);
  const persistence = root ? new AssetPersistence(join(root, canister.id.toText())) : undefined;
  const state = persistence?.load();
  const native = new AssetCanister({
    canisterId: canister.id,
    isController: (principal) => net.replica.getCanister(canister.id)?.isController(principal.toUint8Array()) ?? false,
    nowNs: () => net.now(),
    persistence,
    state,
    setCertifiedData: (data) => {
      canister.certifiedData = data;
    },
    dataCertificate: () => net.replica.dataCertificate?.(canister),
  });
  canister.native = native;
  return { native, restored: state !== undefined };
}

function assetsRoot(net: LocalNet): string | undefined {
  return net.stateDir && join(net.stateDir, 'assets');
}
