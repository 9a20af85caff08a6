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
import { IDL, init, msgCaller, postUpgrade, query, time, update } from 'azle';

import { anomalies, batteries, foundation, leasingSync, models, outbox, roleSync, startTimers } from '../app';

/** Install, upgrade, role replication and status of the ai canister. */
export class LifecycleApi {
  /** Install: stores where the peer canisters are, installs the built-in model as version 1, follows profile's roles. */
  @init([CanisterConfigArgIdl])
  init(config: [] | [CanisterConfig]): void {
    foundation.init(config);
    models.installDefault(msgCaller(), time());
    roleSync.start();
    startTimers();
  }

  /** Upgrade: replaces the peer config if one is given, migrates stored data, re-arms the timers. */
  @postUpgrade([CanisterConfigArgIdl])
  postUpgrade(config: [] | [CanisterConfig]): void {
    foundation.postUpgrade(config);
    roleSync.start();
    startTimers();
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

  /** Name, version, schema version, counts (batteries, anomalies, models, signals) and cycles. */
  @query([], CanisterStatusIdl)
  status() {
    const signals = outbox.state();
    const leasing = leasingSync.pending();
    return foundation.status({
      batteries: batteries.count(),
      anomalies: anomalies.count(),
      anomalies_active: anomalies.activeCount(),
      model_versions: models.count(),
      active_model_version: models.active().version,
      signals_pending: signals.pending,
      signals_sent: signals.sent,
      signal_calls_failed: signals.failed_calls,
      leasing_reads_pending: leasing.profiles,
      leasing_writes_pending: leasing.writes
    });
  }
}
