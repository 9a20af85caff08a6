import {
  CanisterConfig,
  CanisterConfigArgIdl,
  CanisterStatusIdl,
  RoleChange,
  RoleChangeIdl,
  RoleIdl,
  RolesSyncResultIdl,
  roleToVariant
} from '@chargex/common';
import { IDL, init, msgCaller, postUpgrade, query, update } from 'azle';

import { collection, foundation, roleSync } from '../app';

/** Install, upgrade, role replication and status of the leasing canister. */
export class LifecycleApi {
  /** Install: stores where the peer canisters are and starts following profile's roles. */
  @init([CanisterConfigArgIdl])
  init(config: [] | [CanisterConfig]): void {
    foundation.init(config);
    roleSync.start();
  }

  /** Upgrade: replaces the peer config if one is given, migrates stored data, re-certifies the log tip. */
  @postUpgrade([CanisterConfigArgIdl])
  postUpgrade(config: [] | [CanisterConfig]): void {
    foundation.postUpgrade(config);
    roleSync.start();
    collection.log.certify();
  }

  /** Receives role changes pushed by the profile canister. */
  @update([IDL.Vec(RoleChangeIdl)], RolesSyncResultIdl)
  roles_sync(changes: RoleChange[]) {
    return roleSync.receive(msgCaller(), changes);
  }

  /** The caller's roles as this canister's replica knows them (what its role checks will see). */
  @query([], IDL.Vec(RoleIdl))
  my_roles() {
    return foundation.roles.rolesOf(msgCaller()).map(roleToVariant);
  }

  /** Name, version, schema version, counts (tokens, blocks, dedup keys) and cycles of this canister. */
  @query([], CanisterStatusIdl)
  status() {
    return foundation.status({
      tokens: collection.tokens.total(),
      blocks: collection.log.length(),
      dedup_keys: collection.dedup.size()
    });
  }
}
