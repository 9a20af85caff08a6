import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { CommonErrorIdl } from '../errors';
import { named } from '../named_type';
import { resultIdl } from '../result';
import { RoleIdl, RoleVariant } from './role';

/** Whether a role change gives or takes the role. */
export type RoleAction = { Grant: null } | { Revoke: null };

/**
 * One entry of profile's append-only role log. `seq` starts at 1 and grows by exactly 1 per entry, which is what
 * lets a replica notice a missing change.
 */
export interface RoleChange {
  seq: bigint;
  principal: Principal;
  role: RoleVariant;
  action: RoleAction;
  by: Principal;
  at: bigint;
}

/** Candid type of a RoleChange. */
export const RoleChangeIdl = named(
  'RoleChange',
  IDL.Record({
    seq: IDL.Nat64,
    principal: IDL.Principal,
    role: RoleIdl,
    action: named('RoleAction', IDL.Variant({ Grant: IDL.Null, Revoke: IDL.Null })),
    by: IDL.Principal,
    at: IDL.Nat64
  })
);

/** A slice of the role log, with the log's newest sequence number so a reader knows whether more remain. */
export interface RoleChangePage {
  changes: RoleChange[];
  head: bigint;
}

/** Candid type of a RoleChangePage. */
export const RoleChangePageIdl = named('RoleChangePage', IDL.Record({ changes: IDL.Vec(RoleChangeIdl), head: IDL.Nat64 }));

/** A peer's answer to `roles_sync`: the newest change it has applied (everything up to it is applied). */
export interface RolesSyncAck {
  applied_seq: bigint;
}

/** Candid type of a RolesSyncAck. */
export const RolesSyncAckIdl = named('RolesSyncAck', IDL.Record({ applied_seq: IDL.Nat64 }));

/** Tells whether a change grants (rather than revokes). */
export function isGrant(change: RoleChange): boolean {
  return 'Grant' in change.action;
}

/** Candid type of the `roles_sync` reply. */
export const RolesSyncResultIdl = resultIdl(RolesSyncAckIdl, CommonErrorIdl);

/** Candid type of the `roles_since` reply. */
export const RoleChangePageResultIdl = resultIdl(RoleChangePageIdl, CommonErrorIdl);
