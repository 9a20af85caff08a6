import { AlertSeverity, AlertSignal, SignalOutbox } from '@chargex/common';
import { setTimerInterval, time } from 'azle';

import { BatchOutcome, DeviceBatch } from '../api/ingest';
import { Device } from '../api/device';
import { DeviceRegistry } from '../registry/device_registry';

/**
 * A device is offline once it has sent nothing for this many of its upload gaps (its reporting interval times the
 * readings its last batch carried: a monitor that batches ten readings uploads a tenth as often) ...
 */
export const OFFLINE_INTERVALS = 3;
/** ... and at least this long (a 1 s interval would otherwise flag every short pause). */
const MIN_OFFLINE_NS = 300_000_000_000n;
/** How often the offline sweep runs. */
const SWEEP_SECONDS = 300;

/** Device conditions are warnings: the data stops, nothing is unsafe yet. */
const SEVERITY: AlertSeverity = { warning: null };

/** The device a signal is about. */
interface Target {
  number: number;
  device_id: string;
  battery_token_id: bigint;
}

/** What the sweep knows of a device that has reported since this module instance began. */
interface Watched {
  number: number;
  device_id: string;
  battery_token_id: bigint;
  interval_ns: bigint;
  /** Readings in its latest batch: how many intervals pass between its uploads. */
  batch_readings: number;
  last_seen_ns: bigint;
  offline: boolean;
}

/**
 * Tells `alerts` about devices, through the stable signal outbox: a device suspended (and reactivated), a batch
 * refused (one signal per batch; alerts folds them into one open alert per device), and a device offline for
 * OFFLINE_INTERVALS of its upload gaps (cleared when it reports again). The offline watch lives on the
 * heap, fed by ingest at no stable-memory cost: after an upgrade it starts over with the devices that report, so
 * a device that went silent across an upgrade is not flagged until it reports once.
 */
export class DeviceSignals {
  private readonly watched = new Map<string, Watched>();

  constructor(
    private readonly outbox: SignalOutbox,
    private readonly registry: DeviceRegistry
  ) {}

  /** Call from @init and @postUpgrade. */
  start(): void {
    setTimerInterval(SWEEP_SECONDS, () => this.sweep());
  }

  /** After `set_device_status`: suspended raises `device_suspended`, active again clears it. */
  statusChanged(before: Device['status'], device: Device, nowNs: bigint): void {
    this.watched.delete(device.device_id);
    const number = this.registry.find(device.device_id)?.number ?? 0;
    const target = { number, device_id: device.device_id, battery_token_id: device.battery_token_id };
    if ('Suspended' in device.status && !('Suspended' in before)) {
      this.enqueue(target, 'device_suspended', 'raised', `Device ${device.device_id} was suspended: its readings are refused.`, nowNs);
    } else if ('Suspended' in before && !('Suspended' in device.status)) {
      this.enqueue(target, 'device_suspended', 'cleared', `Device ${device.device_id} is no longer suspended.`, nowNs);
    }
  }

  /** After an ingest call: stored batches mark their devices seen; refused ones (of known devices) raise signals. */
  afterIngest(batches: DeviceBatch[], outcomes: BatchOutcome[], nowNs: bigint): void {
    outcomes.forEach((outcome, index) => {
      const batch = batches[index]!;
      if ('Stored' in outcome) {
        this.seen(batch.device_id, batch.readings.length, nowNs);
      } else if ('Refused' in outcome && !('UnknownDevice' in outcome.Refused.error)) {
        const device = this.registry.find(batch.device_id);
        const reason = Object.keys(outcome.Refused.error)[0];
        const detail = `Device ${batch.device_id}'s batch ${batch.sequence} was refused (${reason}).`;
        if (device !== undefined) {
          this.enqueue(device, 'batch_refused', 'raised', detail, nowNs, `-${batch.sequence}`);
        }
      }
    });
  }

  private seen(deviceId: string, readings: number, nowNs: bigint): void {
    const known = this.watched.get(deviceId);
    if (known !== undefined) {
      if (known.offline) {
        this.enqueue(known, 'device_offline', 'cleared', `Device ${deviceId} reports again.`, nowNs);
      }
      known.last_seen_ns = nowNs;
      known.batch_readings = readings;
      known.offline = false;
      return;
    }
    const device = this.registry.find(deviceId);
    if (device !== undefined) {
      const intervalNs = BigInt(device.reporting_interval_s) * 1_000_000_000n;
      this.watched.set(deviceId, { number: device.number, device_id: deviceId, battery_token_id: device.battery_token_id, interval_ns: intervalNs, batch_readings: readings, last_seen_ns: nowNs, offline: false });
    }
  }

  /** Flags each watched device silent for longer than its offline limit, once until it reports again. */
  private sweep(nowNs: bigint = time()): void {
    for (const device of this.watched.values()) {
      const uploadGap = device.interval_ns * BigInt(Math.max(1, device.batch_readings));
      const limit = maxOf(uploadGap * BigInt(OFFLINE_INTERVALS), MIN_OFFLINE_NS);
      if (!device.offline && nowNs - device.last_seen_ns > limit) {
        device.offline = true;
        const minutes = (nowNs - device.last_seen_ns) / 60_000_000_000n;
        this.enqueue(device, 'device_offline', 'raised', `Device ${device.device_id} has sent nothing for ${minutes} minutes.`, nowNs);
      }
    }
  }

  /** Queues one signal; its id (device number, kind, state, time, batch) is unique and at most 64 characters. */
  private enqueue(device: Target, kind: string, state: 'raised' | 'cleared', detail: string, nowNs: bigint, suffix = ''): void {
    const nowMs = nowNs / 1_000_000n;
    const signal: AlertSignal = {
      signal_id: `dev${device.number}-${kind}-${state}-${nowNs}${suffix}`,
      kind,
      severity: SEVERITY,
      state: state === 'raised' ? { raised: null } : { cleared: null },
      battery_token_id: [device.battery_token_id],
      device_id: [device.device_id],
      subject_id: [],
      observed_at_ns: nowNs,
      evidence: { from_ms: nowMs, to_ms: nowMs, value: [], threshold: [], unit: '', detail },
      model_version: []
    };
    this.outbox.enqueue(signal);
  }
}

function maxOf(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
