import { err, Refusal, Role, unauthorized } from '@chargex/common';
import { Principal } from 'azle';

import { foundation } from './app';

/** Roles that may read batteries' health and anomalies (admins and controllers always may). */
const READER_ROLES: readonly Role[] = ['fleet_operator', 'technician'];

/** Allows only the configured telemetry canister: the one source of battery summaries. */
export function requireTelemetry(caller: Principal): Refusal {
  const telemetry = foundation.config.peer('telemetry');
  if (telemetry !== undefined && telemetry.compareTo(caller) === 'eq') {
    return undefined;
  }
  return foundation.guard.requireAuthenticated(caller) ?? err(unauthorized(caller, { PeerCanister: null }));
}

/** Allows fleet operators, technicians and admins: the people who look after batteries. */
export function requireReader(caller: Principal): Refusal {
  const { guard, roles } = foundation;
  if (guard.isAdmin(caller) || READER_ROLES.some((role) => roles.hasRole(caller, role))) {
    return undefined;
  }
  return guard.requireRole(caller, 'fleet_operator');
}
