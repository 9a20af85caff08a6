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

import { alertSignals, collection, foundation, leases, listings, outbox, payments, resumeTimers, roleSync } from '../app';

/** Install, upgrade, role replication and status of the leasing canister. */
export class LifecycleApi {
  /** Install: stores where the peer canisters are and starts following profile's roles. */
  @init([CanisterConfigArgIdl])
  init(config: [] | [CanisterConfig]): void {
    foundation.init(config);
    roleSync.start();
    resumeTimers();
  }

  /**
   * Upgrade: replaces the peer config if one is given, migrates stored data, re-certifies the log tip and re-arms
   * the timers from stable state (pending payouts, lost payments, the next lease event).
   */
  @postUpgrade([CanisterConfigArgIdl])
  postUpgrade(config: [] | [CanisterConfig]): void {
    foundation.postUpgrade(config);
    roleSync.start();
    collection.log.certify();
    resumeTimers();
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

  /** Name, version, schema version, counts (tokens, blocks, listings, leases, payouts, payments) and cycles. */
  @query([], CanisterStatusIdl)
  status() {
    return foundation.status({
      tokens: collection.tokens.total(),
      blocks: collection.log.length(),
      dedup_keys: collection.dedup.size(),
      listings: listings.count(),
      leases: leases.count(),
      open_leases: leases.openCount(),
      payouts_pending: outbox.all().length - outbox.parkedCount(),
      payouts_parked: outbox.parkedCount(),
      payments_unresolved: payments.unresolved().length,
      alert_signals_pending: alertSignals.state().pending,
      alert_signals_sent: alertSignals.state().sent
    });
  }
}
