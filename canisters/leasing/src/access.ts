import { err, Refusal, unauthorized } from '@chargex/common';
import { Principal } from 'azle';

import { foundation } from './app';

/**
 * Allows the configured telemetry and ai canisters, which keep batteries' live fields (cycle count, state of
 * health) up to date, and admins. Other peers have no business writing battery metadata.
 */
export function requireHealthReporter(caller: Principal): Refusal {
  const { config, guard } = foundation;
  const reporters = [config.peer('telemetry'), config.peer('ai')];
  const isReporter = reporters.some((peer) => peer !== undefined && peer.compareTo(caller) === 'eq');
  if (isReporter || guard.isAdmin(caller)) {
    return undefined;
  }
  return guard.requireAuthenticated(caller) ?? err(unauthorized(caller, { PeerCanister: null }));
}

/** Allows fleet operators and admins (operators run the fleet's money and leases day to day). */
export function requireOperator(caller: Principal): Refusal {
  const { guard } = foundation;
  return guard.isAdmin(caller) ? undefined : guard.requireRole(caller, 'fleet_operator');
}
