import { Principal } from '@dfinity/principal';

export type Permission = 'Commit' | 'Prepare' | 'ManagePermissions';
export const PERMISSIONS: readonly Permission[] = ['Commit', 'Prepare', 'ManagePermissions'];

/** Who holds which of the asset canister's permissions (controllers are checked by the canister, not here). */
export class PermissionTable {
  private readonly holders: Record<Permission, Set<string>>;

  constructor(holders: Partial<Record<Permission, Iterable<string>>> = {}) {
    this.holders = {
      Commit: new Set(holders.Commit),
      Prepare: new Set(holders.Prepare),
      ManagePermissions: new Set(holders.ManagePermissions),
    };
  }

  clone(): PermissionTable {
    return new PermissionTable(this.holders);
  }

  grant(principal: Principal, permission: Permission): void {
    this.holders[permission].add(principal.toText());
  }

  revoke(principal: Principal, permission: Permission): void {
    this.holders[permission].delete(principal.toText());
  }

  has(principal: Principal, permission: Permission): boolean {
    return this.holders[permission].has(principal.toText());
  }

  /** Commit implies Prepare: whoever may commit a batch may also build one. */
  can(principal: Principal, permission: Permission): boolean {
    return this.has(principal, permission) || (permission === 'Prepare' && this.has(principal, 'Commit'));
  }

  list(permission: Permission): Principal[] {
    return [...this.holders[permission]].sort().map((text) => Principal.fromText(text));
  }

  /** take_ownership: everyone loses everything, then the caller alone may commit. */
  resetTo(principal: Principal): void {
    for (const permission of PERMISSIONS) this.holders[permission].clear();
    this.grant(principal, 'Commit');
  }

  toJSON(): Record<Permission, string[]> {
    return {
      Commit: [...this.holders.Commit].sort(),
      Prepare: [...this.holders.Prepare].sort(),
      ManagePermissions: [...this.holders.ManagePermissions].sort(),
    };
  }
}
