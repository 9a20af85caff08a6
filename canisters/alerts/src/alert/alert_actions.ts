import { CommonError, err, invalidArgument, notFound, ok, Result } from '@chargex/common';
import { Principal } from 'azle';

import { Alert, withEvent } from './alert';
import { AlertStore } from './alert_store';

const MAX_NOTE_CHARS = 500;

/** What people do with an alert: acknowledge it (they are on it) and resolve it (it is dealt with). */
export class AlertActions {
  constructor(private readonly alerts: AlertStore) {}

  acknowledge(alert: Alert, by: Principal, note: string, nowNs: bigint): Result<Alert, CommonError> {
    if (!('active' in alert.state)) {
      return err(invalidArgument('alert_id', `alert ${alert.id} is already ${Object.keys(alert.state)[0]}`));
    }
    return this.apply(alert, { acknowledged: null }, by, note, nowNs, { acknowledged: null });
  }

  resolve(alert: Alert, by: Principal, note: string, nowNs: bigint): Result<Alert, CommonError> {
    if ('resolved' in alert.state) {
      return err(invalidArgument('alert_id', `alert ${alert.id} is already resolved`));
    }
    return this.apply(alert, { resolved: null }, by, note, nowNs, { resolved: null });
  }

  /** The alert by id, or a NotFound error. */
  find(id: bigint): Result<Alert, CommonError> {
    const alert = this.alerts.get(id);
    return alert === undefined ? err(notFound('alert', id.toString())) : ok(alert);
  }

  private apply(
    alert: Alert,
    state: Alert['state'],
    by: Principal,
    note: string,
    nowNs: bigint,
    action: { acknowledged: null } | { resolved: null }
  ): Result<Alert, CommonError> {
    if (note.length > MAX_NOTE_CHARS) {
      return err(invalidArgument('note', `must be at most ${MAX_NOTE_CHARS} characters`));
    }
    const updated = withEvent({ ...alert, state }, { at_ns: nowNs, by: [by], action, note: note.trim() });
    this.alerts.put(updated);
    return ok(updated);
  }
}
