import { candidCodec, KeyValueStore, OrderedKey, StableCell } from '@chargex/common';
import { Principal, StableBTreeMap } from 'azle';

import { ALERTS_MEMORY } from '../memory';
import { Delivery, DeliveryIdl } from './delivery';

/**
 * Every delivery by id; the one delivery of each (alert, person, endpoint), which is what makes delivery
 * at-most-once; the pending ones by the time they are due (so the earliest is the first key); each alert's
 * deliveries by position, for its delivery log.
 */
export class DeliveryQueue {
  private readonly deliveries = new StableBTreeMap<bigint, Delivery>(ALERTS_MEMORY.deliveries, OrderedKey.u64, candidCodec(DeliveryIdl));
  private readonly index = new StableBTreeMap<[bigint, Principal, number], bigint>(
    ALERTS_MEMORY.deliveryIndex,
    OrderedKey.tuple(OrderedKey.u64, OrderedKey.principal, OrderedKey.u32),
    OrderedKey.u64
  );
  private readonly due = new StableBTreeMap<[bigint, bigint], number>(ALERTS_MEMORY.deliveriesDue, OrderedKey.tuple(OrderedKey.u64, OrderedKey.u64), OrderedKey.u8);
  private readonly byAlert = new StableBTreeMap<[bigint, number], bigint>(ALERTS_MEMORY.alertDeliveries, OrderedKey.tuple(OrderedKey.u64, OrderedKey.u16), OrderedKey.u64);
  private readonly lastId: StableCell<bigint>;

  constructor(meta: KeyValueStore<string, Uint8Array>) {
    this.lastId = new StableCell(meta, 'alerts.deliveries.last_id', OrderedKey.u64);
  }

  /** Whether the alert was ever planned for this endpoint. */
  has(alertId: bigint, person: Principal, endpointId: number): boolean {
    return this.index.containsKey([alertId, person, endpointId]);
  }

  /** Stores a new pending delivery built with the next id, due at its `next_attempt_ns`. */
  add(make: (id: bigint) => Delivery): Delivery {
    const id = this.lastId.getOr(0n) + 1n;
    this.lastId.set(id);
    const delivery = make(id);
    this.deliveries.insert(id, delivery);
    this.index.insert([delivery.alert_id, delivery.person, delivery.endpoint_id], id);
    this.byAlert.insert([delivery.alert_id, this.countOfAlert(delivery.alert_id)], id);
    this.due.insert([delivery.next_attempt_ns, id], 1);
    return delivery;
  }

  /** Replaces a delivery, moving it in the due order (or out of it once delivered or given up). */
  put(before: Delivery, after: Delivery): void {
    this.due.remove([before.next_attempt_ns, before.id]);
    this.deliveries.insert(after.id, after);
    if ('pending' in after.state) {
      this.due.insert([after.next_attempt_ns, after.id], 1);
    }
  }

  get(id: bigint): Delivery | undefined {
    return this.deliveries.get(id);
  }

  /** Pending deliveries due at or before `nowNs`, earliest first, at most `limit`. */
  dueBy(nowNs: bigint, limit: number): Delivery[] {
    return this.due
      .keys(0, limit)
      .filter(([at]) => at <= nowNs)
      .flatMap(([, id]) => this.deliveries.get(id) ?? []);
  }

  /** When the earliest pending delivery is due. */
  nextDueNs(): bigint | undefined {
    return this.due.keys(0, 1)[0]?.[0];
  }

  /** An alert's deliveries, in the order planned. */
  ofAlert(alertId: bigint): Delivery[] {
    const found: Delivery[] = [];
    for (let position = 0; ; position++) {
      const id = this.byAlert.get([alertId, position]);
      if (id === undefined) {
        return found;
      }
      const delivery = this.deliveries.get(id);
      if (delivery !== undefined) {
        found.push(delivery);
      }
    }
  }

  count(): number {
    return this.deliveries.len();
  }

  pendingCount(): number {
    return this.due.len();
  }

  private countOfAlert(alertId: bigint): number {
    let position = 0;
    while (this.byAlert.containsKey([alertId, position])) {
      position++;
    }
    return position;
  }
}
