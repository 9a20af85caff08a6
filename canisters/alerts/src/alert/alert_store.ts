import { candidCodec, KeyValueStore, OrderedKey, StableCell } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { ALERTS_MEMORY } from '../memory';
import { Alert, AlertIdl } from './alert';

/**
 * Every alert by id (1, 2, ... in the order raised), and the open alert of each condition: a condition is the
 * source, the kind and what it concerns (battery, device, subject), so a repeat folds into the alert already open.
 */
export class AlertStore {
  private readonly alerts = new StableBTreeMap<bigint, Alert>(ALERTS_MEMORY.alerts, OrderedKey.u64, candidCodec(AlertIdl));
  private readonly open = new StableBTreeMap<string, bigint>(ALERTS_MEMORY.openAlerts, OrderedKey.text, OrderedKey.u64);
  private readonly lastId: StableCell<bigint>;

  constructor(meta: KeyValueStore<string, Uint8Array>) {
    this.lastId = new StableCell(meta, 'alerts.last_id', OrderedKey.u64);
  }

  /** Stores a new open alert for `condition`, built with the next id. */
  create(condition: string, make: (id: bigint) => Alert): Alert {
    const id = this.lastId.getOr(0n) + 1n;
    this.lastId.set(id);
    const alert = make(id);
    this.alerts.insert(id, alert);
    this.open.insert(condition, id);
    return alert;
  }

  /** Replaces a stored alert; a resolved one frees its condition, so the next signal of it opens a new alert. */
  put(alert: Alert, condition?: string): void {
    this.alerts.insert(alert.id, alert);
    if ('resolved' in alert.state) {
      this.open.remove(condition ?? conditionOf(alert));
    }
  }

  get(id: bigint): Alert | undefined {
    return this.alerts.get(id);
  }

  /** The open alert of a condition. */
  openFor(condition: string): Alert | undefined {
    const id = this.open.get(condition);
    return id === undefined ? undefined : this.alerts.get(id);
  }

  /** The newest alert id (0 when none). */
  newestId(): bigint {
    return this.lastId.getOr(0n);
  }

  count(): number {
    return this.alerts.len();
  }

  openCount(): number {
    return this.open.len();
  }
}

/** The key of the condition an alert or signal stands for. */
export function conditionKey(source: string, kind: string, battery: [] | [bigint], device: [] | [string], subject: [] | [string]): string {
  return [source, kind, battery[0]?.toString() ?? '', device[0] ?? '', subject[0] ?? ''].join('\u0000');
}

function conditionOf(alert: Alert): string {
  return conditionKey(alert.source, alert.kind, alert.battery_token_id, alert.device_id, alert.subject_id);
}
