/** Where the app finds the IC and the canisters: read from the build environment `npm start` (or dfx) writes. */

const env = import.meta.env as Record<string, string | undefined>;

/** True when talking to a local replica (localnet or `dfx start`): the agent must then fetch the root key. */
export const isLocal = (env.DFX_NETWORK ?? 'local') !== 'ic';

/** The canister id of `name` from CANISTER_ID_<NAME>. */
export function canisterId(name: string): string {
  const id = env[`CANISTER_ID_${name.toUpperCase()}`];
  if (!id) throw new Error(`CANISTER_ID_${name.toUpperCase()} is not set: deploy with npm start`);
  return id;
}

/** The Internet Identity to log in with: the local identity provider, or identity.ic0.app on mainnet. */
export function identityProviderUrl(): string {
  if (!isLocal) return 'https://identity.ic0.app';
  const ii = env.CANISTER_ID_INTERNET_IDENTITY ?? 'rdmx6-jaaaa-aaaaa-aaadq-cai';
  return `http://${ii}.localhost:${window.location.port || '4943'}/#authorize`;
}

/** The replica's HTTP endpoint: the page's own origin locally (localnet serves /api on every host). */
export function replicaHost(): string {
  return isLocal ? window.location.origin : 'https://icp-api.io';
}

/** The map's tile URL template and credit, or undefined for a map without tiles. */
export function mapTiles(): { url: string; attribution: string } | undefined {
  const url = env.CHARGEX_MAP_TILES;
  return url && url !== 'none' ? { url, attribution: env.CHARGEX_MAP_ATTRIBUTION ?? '' } : undefined;
}
