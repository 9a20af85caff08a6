import { Principal, time } from 'azle';

import { Alert, severityRank } from '../alert/alert';
import { DeliveryQueue } from './delivery_queue';
import { EndpointStore } from './endpoint_store';

/** Plans the posts of a routed alert to a recipient's webhooks: one delivery per endpoint, never a second. */
export class DeliveryPlanner {
  constructor(
    private readonly queue: DeliveryQueue,
    private readonly endpoints: EndpointStore,
    private readonly onPlanned: (dueNs: bigint) => void
  ) {}

  plan(alert: Alert, person: Principal): void {
    const now = time();
    for (const endpoint of this.endpoints.of(person)) {
      if (severityRank(alert.severity) < severityRank(endpoint.min_severity) || this.queue.has(alert.id, person, endpoint.id)) {
        continue;
      }
      this.queue.add((id) => ({
        id,
        alert_id: alert.id,
        person,
        endpoint_id: endpoint.id,
        idempotency_key: `chargex-alert-${alert.id}-delivery-${id}`,
        state: { pending: null },
        tries: 0,
        next_attempt_ns: now,
        log: []
      }));
      this.onPlanned(now);
    }
  }
}
