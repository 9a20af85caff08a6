import { IDL } from '@dfinity/candid';

import { named } from '../named_type';

/**
 * Every role known to ChargeX. The position in this list is the role's bit in stored role sets and its byte in
 * stored keys, so roles may only be appended, never reordered or removed.
 */
export const ROLES = [
  'admin',
  'fleet_operator',
  'station_operator',
  'lessee',
  'technician',
  'relayer',
  'device'
] as const;

/** A role name. */
export type Role = (typeof ROLES)[number];

/** The candid form of a role: `variant { admin; fleet_operator; ... }`. */
export type RoleVariant = { [R in Role]: { [K in R]: null } }[Role];

/** Candid type of a role. */
export const RoleIdl = named('Role', IDL.Variant(Object.fromEntries(ROLES.map((role) => [role, IDL.Null]))));

/** Converts a candid role variant to its name. */
export function roleFromVariant(variant: RoleVariant): Role {
  const name = Object.keys(variant)[0];
  if (!isRole(name)) {
    throw new Error(`unknown role variant ${String(name)}`);
  }
  return name;
}

/** Converts a role name to its candid variant. */
export function roleToVariant(role: Role): RoleVariant {
  return { [role]: null } as RoleVariant;
}

/** Tells whether a string names a role. */
export function isRole(name: unknown): name is Role {
  return typeof name === 'string' && (ROLES as readonly string[]).includes(name);
}

/** The stable numeric code of a role (its bit position and key byte). */
export function roleCode(role: Role): number {
  return ROLES.indexOf(role);
}
