import { ROLES, Role, roleCode } from './role';

/** A set of roles packed as a bit mask (bit n = ROLES[n]); 0 is the empty set. */
export type RoleSet = number;

/** The set with `role` added. */
export function withRole(set: RoleSet, role: Role): RoleSet {
  return set | (1 << roleCode(role));
}

/** The set with `role` removed. */
export function withoutRole(set: RoleSet, role: Role): RoleSet {
  return set & ~(1 << roleCode(role));
}

/** Tells whether the set holds `role`. */
export function setHasRole(set: RoleSet, role: Role): boolean {
  return (set & (1 << roleCode(role))) !== 0;
}

/** The roles in the set, in ROLES order. */
export function rolesInSet(set: RoleSet): Role[] {
  return ROLES.filter((role) => setHasRole(set, role));
}
