import { ALERT_SIGNAL_KINDS, AlertSignalSource, err, Refusal, Role, unauthorized } from '@chargex/common';
import { Principal } from 'azle';

import { Alert } from './alert/alert';
import { foundation } from './app';

const SOURCES = Object.keys(ALERT_SIGNAL_KINDS) as AlertSignalSource[];

/** Roles that look after the whole fleet's alerts (admins and controllers always may). */
const STAFF_ROLES: readonly Role[] = ['fleet_operator'];

/** The source a configured peer canister reports as, or undefined for anyone else. */
export function sourceOf(caller: Principal): AlertSignalSource | undefined {
  return SOURCES.find((source) => foundation.config.peer(source)?.compareTo(caller) === 'eq');
}

/** Refuses everyone but the configured source canisters (ai, telemetry, leasing, energy). */
export function requireSource(caller: Principal): Refusal {
  return sourceOf(caller) !== undefined ? undefined : err(unauthorized(caller, { PeerCanister: null }));
}

/** Whether the caller looks after every alert: admins, controllers and fleet operators. */
export function isStaff(caller: Principal): boolean {
  return foundation.guard.isAdmin(caller) || STAFF_ROLES.some((role) => foundation.roles.hasRole(caller, role));
}

/** Allows admins and fleet operators. */
export function requireStaff(caller: Principal): Refusal {
  return isStaff(caller) ? undefined : foundation.guard.requireRole(caller, 'fleet_operator');
}

/** Allows the alert's recipients and staff. */
export function requireAlertReader(caller: Principal, alert: Alert): Refusal {
  if (isStaff(caller) || alert.recipients.some((person) => person.compareTo(caller) === 'eq')) {
    return foundation.guard.requireAuthenticated(caller);
  }
  return foundation.guard.requireAuthenticated(caller) ?? err(unauthorized(caller, { SelfOrAdmin: null }));
}
