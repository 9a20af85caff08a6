import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { named } from './named_type';
import { RoleIdl, RoleVariant, Role, roleToVariant } from './roles/role';

/** What a caller lacked when a call was refused. */
export type Requirement =
  | { Authenticated: null }
  | { Controller: null }
  | { Role: RoleVariant }
  | { ProfileCanister: null }
  | { PeerCanister: null }
  | { SelfOrAdmin: null };

/** Candid type of a Requirement. */
export const RequirementIdl = named(
  'Requirement',
  IDL.Variant({
    Authenticated: IDL.Null,
    Controller: IDL.Null,
    Role: RoleIdl,
    ProfileCanister: IDL.Null,
    PeerCanister: IDL.Null,
    SelfOrAdmin: IDL.Null
  })
);

/** The error every ChargeX canister method returns in its `Err` arm for what a caller can get wrong. */
export type CommonError =
  | { Unauthorized: { caller: Principal; required: Requirement } }
  | { InvalidArgument: { field: string; reason: string } }
  | { NotFound: { kind: string; id: string } }
  | { AlreadyExists: { kind: string; id: string } }
  | { Unavailable: { reason: string } };

/** Candid type of CommonError. */
export const CommonErrorIdl = named(
  'CommonError',
  IDL.Variant({
    Unauthorized: IDL.Record({ caller: IDL.Principal, required: RequirementIdl }),
    InvalidArgument: IDL.Record({ field: IDL.Text, reason: IDL.Text }),
    NotFound: IDL.Record({ kind: IDL.Text, id: IDL.Text }),
    AlreadyExists: IDL.Record({ kind: IDL.Text, id: IDL.Text }),
    Unavailable: IDL.Record({ reason: IDL.Text })
  })
);

/** Refusal of `caller`, who lacks `required`. */
export function unauthorized(caller: Principal, required: Requirement): CommonError {
  return { Unauthorized: { caller, required } };
}

/** Requirement of holding `role` (controllers also pass admin checks). */
export function requiresRole(role: Role): Requirement {
  return { Role: roleToVariant(role) };
}

/** Rejection of the argument `field` for `reason`. */
export function invalidArgument(field: string, reason: string): CommonError {
  return { InvalidArgument: { field, reason } };
}

/** Absence of the `kind` entity identified by `id`. */
export function notFound(kind: string, id: string): CommonError {
  return { NotFound: { kind, id } };
}

/** Presence of the `kind` entity identified by `id` where none was expected. */
export function alreadyExists(kind: string, id: string): CommonError {
  return { AlreadyExists: { kind, id } };
}

/** A dependency (peer canister, configuration) that is not there. */
export function unavailable(reason: string): CommonError {
  return { Unavailable: { reason } };
}
