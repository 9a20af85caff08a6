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

import { alerts, deliveries, feeds, foundation, intake, roleSync, router, rules, startTimers, technicians } from '../app';

/** Install, upgrade, role replication and status of the alerts canister. */
export class LifecycleApi {
  /** Install: stores where the peer canisters are and follows profile's roles. */
  @init([CanisterConfigArgIdl])
  init(config: [] | [CanisterConfig]): void {
    foundation.init(config);
    roleSync.start();
    startTimers();
  }

  /** Upgrade: replaces the peer config if one is given, migrates stored data, re-arms routing and deliveries. */
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

  /** Name, version, schema version, counts (alerts, signals, routing, deliveries, rules, feeds) and cycles. */
  @query([], CanisterStatusIdl)
  status() {
    return foundation.status({
      alerts: alerts.count(),
      alerts_open: alerts.openCount(),
      signals: intake.signalCount(),
      routing_pending: router.pending(),
      deliveries: deliveries.count(),
      deliveries_pending: deliveries.pendingCount(),
      rules: rules.count(),
      feeds: feeds.people(),
      batteries_with_technicians: technicians.batteries()
    });
  }
}
