import { describe, expect, it } from 'vitest';

import { isRole, ROLES, roleCode, roleFromVariant, roleToVariant } from '../src/roles/role';
import { rolesInSet, setHasRole, withoutRole, withRole } from '../src/roles/role_set';

describe('roles', () => {
  it('keeps the stored codes of existing roles (append-only list)', () => {
    expect(ROLES.map(roleCode)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(roleCode('admin')).toBe(0);
    expect(roleCode('device')).toBe(6);
  });

  it('converts to and from the candid variant', () => {
    expect(roleToVariant('station_operator')).toEqual({ station_operator: null });
    expect(roleFromVariant({ fleet_operator: null })).toBe('fleet_operator');
    expect(isRole('root')).toBe(false);
  });

  it('packs role sets as bit masks', () => {
    const set = withRole(withRole(0, 'device'), 'admin');
    expect(set).toBe(0b1000001);
    expect(setHasRole(set, 'device')).toBe(true);
    expect(setHasRole(set, 'lessee')).toBe(false);
    expect(rolesInSet(withoutRole(set, 'admin'))).toEqual(['device']);
    expect(withoutRole(set, 'lessee')).toBe(set);
  });
});
