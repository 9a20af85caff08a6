import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { named } from './named_type';
import { candidCodec } from './storage/candid_codec';
import { KeyValueStore } from './storage/codec';
import { StableCell } from './storage/stable_cell';

/** Names of the canisters a ChargeX canister may need to reach. */
export const PEER_NAMES = ['profile', 'leasing', 'telemetry', 'ai', 'alerts', 'trust', 'energy', 'ledger'] as const;

/** A peer canister name. */
export type PeerName = (typeof PEER_NAMES)[number];

/**
 * Where the other canisters are. Passed to @init and @postUpgrade; the only way canisters find each other, so no
 * canister id is ever written in source.
 */
export type CanisterConfig = { [N in PeerName]: [] | [Principal] };

/** Candid type of CanisterConfig. */
export const CanisterConfigIdl = named(
  'CanisterConfig',
  IDL.Record(Object.fromEntries(PEER_NAMES.map((name) => [name, IDL.Opt(IDL.Principal)])))
);

/** Candid type of the @init / @postUpgrade argument `opt CanisterConfig`. */
export const CanisterConfigArgIdl = IDL.Opt(CanisterConfigIdl);

/** The configuration with no peer known. */
export function emptyConfig(): CanisterConfig {
  return Object.fromEntries(PEER_NAMES.map((name) => [name, []])) as unknown as CanisterConfig;
}

/** Keeps the canister's CanisterConfig in stable memory. */
export class ConfigStore {
  private readonly cell: StableCell<CanisterConfig>;

  constructor(meta: KeyValueStore<string, Uint8Array>) {
    this.cell = new StableCell(meta, 'common.config', candidCodec<CanisterConfig>(CanisterConfigIdl));
  }

  /** Stores the install argument (no argument: no peers known yet). */
  onInit(arg: [] | [CanisterConfig]): void {
    this.cell.set(arg[0] ?? emptyConfig());
  }

  /** Replaces the stored config when an upgrade passes one; keeps it when the argument is null. */
  onPostUpgrade(arg: [] | [CanisterConfig]): void {
    if (arg[0] !== undefined) {
      this.cell.set(arg[0]);
    } else if (this.cell.get() === undefined) {
      this.cell.set(emptyConfig());
    }
  }

  /** The stored config. */
  get(): CanisterConfig {
    return this.cell.get() ?? emptyConfig();
  }

  /** The id of peer `name`, if configured. */
  peer(name: PeerName): Principal | undefined {
    return this.get()[name][0];
  }
}
