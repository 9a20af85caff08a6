/**
 * Trust canister, foundation skeleton: config, status and the role replica only. The component registry, LCT
 * relationships, pairing, T3/V3 tensors and witnesses come in their own issues.
 */
import {
  CanisterConfig,
  CanisterConfigArgIdl,
  CanisterFoundation,
  CanisterStatusIdl,
  RoleChange,
  RoleChangeIdl,
  RoleIdl,
  RolesSyncResultIdl,
  RoleSyncPeer,
  roleToVariant
} from '@chargex/common';
import { IDL, init, msgCaller, postUpgrade, query, update } from 'azle';

import packageJson from '../package.json';

export default class TrustCanister {
  foundation = new CanisterFoundation({ name: 'trust', version: packageJson.version, schemaVersion: 1, migrations: [] });
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
}
