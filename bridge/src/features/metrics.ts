import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EventBus } from '../infra/event-bus.js';
import { REFUSAL_REASONS } from '../ingest/refusal.js';
import type { DeviceRegistryCache } from '../registry/device-registry.js';
import type { Spool } from '../spool/spool.js';
import type { Feature } from './feature.js';

/**
 * Prometheus metrics, kept from the event bus (no feature calls into metrics). The registry is per bridge, not
 * prom-client's global one, so several bridges in one process (tests) keep separate counts.
 */
export class Metrics implements Feature {
  readonly registry = new Registry();
  private readonly accepted = new Counter({ name: 'chargex_bridge_batches_accepted_total', help: 'Batches accepted and spooled, by transport', labelNames: ['transport'], registers: [this.registry] });
  private readonly duplicates = new Counter({ name: 'chargex_bridge_batches_duplicate_total', help: 'Exact retransmissions of the last accepted batch, acknowledged again without spooling', labelNames: ['transport'], registers: [this.registry] });
  private readonly readings = new Counter({ name: 'chargex_bridge_readings_accepted_total', help: 'Readings in accepted batches', registers: [this.registry] });
  private readonly refused = new Counter({ name: 'chargex_bridge_batches_refused_total', help: 'Batches refused, by transport and reason', labelNames: ['transport', 'reason'], registers: [this.registry] });
  private readonly relayed = new Counter({ name: 'chargex_bridge_batches_relayed_total', help: "Batches telemetry answered for, by outcome (stored, duplicate, refused)", labelNames: ['outcome'], registers: [this.registry] });
  private readonly retried = new Counter({ name: 'chargex_bridge_relay_retries_total', help: 'Failed ingest calls, each retried after a backoff', registers: [this.registry] });
  private readonly latency = new Histogram({
    name: 'chargex_bridge_relay_latency_seconds',
    help: 'Duration of successful ingest calls',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly spoolBatches: Gauge = new Gauge({
    name: 'chargex_bridge_spool_depth_batches',
    help: 'Accepted batches not yet answered for by telemetry',
    registers: [this.registry],
    collect: () => this.spoolBatches.set(this.spool.pendingBatches),
  });
  private readonly spoolBytes: Gauge = new Gauge({
    name: 'chargex_bridge_spool_depth_bytes',
    help: 'Bytes of accepted batches not yet answered for by telemetry',
    registers: [this.registry],
    collect: () => this.spoolBytes.set(this.spool.pendingBytes),
  });
  private readonly registryDevices: Gauge = new Gauge({
    name: 'chargex_bridge_registry_devices',
    help: 'Devices in the registry cache',
    registers: [this.registry],
    collect: () => this.registryDevices.set(this.devices.size),
  });

  constructor(
    private readonly bus: EventBus,
    private readonly spool: Spool,
    private readonly devices: DeviceRegistryCache,
  ) {}

  async start(): Promise<void> {
    // Every reason is exported from the start (at 0), so a dashboard can tell "none yet" from "not reported".
    for (const reason of REFUSAL_REASONS) for (const transport of ['http', 'mqtt']) this.refused.inc({ transport, reason }, 0);
    this.bus.on('batchAccepted', this, ({ transport, readings, duplicate }) => {
      if (duplicate) return this.duplicates.inc({ transport });
      this.accepted.inc({ transport });
      this.readings.inc(readings);
    });
    this.bus.on('batchRefused', this, ({ transport, reason }) => this.refused.inc({ transport, reason }));
    this.bus.on('relayCallSucceeded', this, ({ stored, duplicates, refused, seconds }) => {
      this.relayed.inc({ outcome: 'stored' }, stored);
      this.relayed.inc({ outcome: 'duplicate' }, duplicates);
      this.relayed.inc({ outcome: 'refused' }, refused);
      this.latency.observe(seconds);
    });
    this.bus.on('relayCallFailed', this, () => this.retried.inc());
  }

  async stop(): Promise<void> {
    this.bus.removeListeners(this);
  }

  /** The Prometheus text exposition. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
