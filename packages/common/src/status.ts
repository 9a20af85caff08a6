import { IDL } from '@dfinity/candid';
import { canisterCycleBalance, canisterVersion } from 'azle';

import { CanisterConfig, CanisterConfigIdl } from './config';
import { named } from './named_type';

/** What every canister's `status` query returns. */
export interface CanisterStatus {
  name: string;
  version: string;
  schema_version: number;
  /** Sizes of the canister's main collections, by name. */
  counts: Array<[string, bigint]>;
  cycles: bigint;
  /** Bumped by the IC on every code install or upgrade. */
  canister_version: bigint;
  /** Newest role change this canister has applied. */
  roles_seq: bigint;
  config: CanisterConfig;
}

/** Candid type of CanisterStatus. */
export const CanisterStatusIdl = named(
  'CanisterStatus',
  IDL.Record({
    name: IDL.Text,
    version: IDL.Text,
    schema_version: IDL.Nat32,
    counts: IDL.Vec(IDL.Tuple(IDL.Text, IDL.Nat64)),
    cycles: IDL.Nat,
    canister_version: IDL.Nat64,
    roles_seq: IDL.Nat64,
    config: CanisterConfigIdl
  })
);

/** The parts of a status record a canister supplies; the rest comes from the IC. */
export interface StatusParts {
  name: string;
  version: string;
  schemaVersion: number;
  counts: Record<string, number | bigint>;
  rolesSeq: bigint;
  config: CanisterConfig;
}

/** Builds the status record from the canister's own figures and the IC's. */
export function buildStatus(parts: StatusParts): CanisterStatus {
  return {
    name: parts.name,
    version: parts.version,
    schema_version: parts.schemaVersion,
    counts: Object.entries(parts.counts).map(([name, count]) => [name, BigInt(count)]),
    cycles: canisterCycleBalance(),
    canister_version: canisterVersion(),
    roles_seq: parts.rolesSeq,
    config: parts.config
  };
}
