import { IDL, init, msgCaller, postUpgrade, query, update } from 'azle';

import { CanisterConfig, CanisterConfigArgIdl } from './config';
import { CanisterFoundation } from './foundation';
import { RoleChange, RoleChangeIdl, RolesSyncResultIdl } from './roles/change';
import { RoleIdl, roleToVariant } from './roles/role';
import { RoleSyncPeer } from './roles/sync_peer';
import { CanisterStatusIdl } from './status';

/**
 * The canister class of a foundation skeleton: config, status and the role replica, nothing of its domain yet.
 * Canisters whose domain is still to come (ai, alerts, trust, energy) export `skeletonCanister(...)` as their
 * default class, so the foundation is written once; a canister that grows its own methods writes its class.
 */
export function skeletonCanister(options: { name: string; version: string }) {
  return class SkeletonCanister {
    foundation = new CanisterFoundation({ name: options.name, version: options.version, schemaVersion: 1, migrations: [] });
    roleSync = new RoleSyncPeer(this.foundation);

    /** Install: stores where the peer canisters are and starts following profile's roles. */
    @init([CanisterConfigArgIdl])
    init(config: [] | [CanisterConfig]): void {
      this.foundation.init(config);
      this.roleSync.start();
    }

    /** Upgrade: replaces the peer config if one is given, migrates stored data, catches up on roles. */
    @postUpgrade([CanisterConfigArgIdl])
    postUpgrade(config: [] | [CanisterConfig]): void {
      this.foundation.postUpgrade(config);
      this.roleSync.start();
    }

    /** Receives role changes pushed by the profile canister. */
    @update([IDL.Vec(RoleChangeIdl)], RolesSyncResultIdl)
    roles_sync(changes: RoleChange[]) {
      return this.roleSync.receive(msgCaller(), changes);
    }

    /** The caller's roles as this canister's replica knows them (what its role checks will see). */
    @query([], IDL.Vec(RoleIdl))
    my_roles() {
      return this.foundation.roles.rolesOf(msgCaller()).map(roleToVariant);
    }

    /** Name, version, schema version, counts and cycles of this canister. */
    @query([], CanisterStatusIdl)
    status() {
      return this.foundation.status({});
    }
  };
}
