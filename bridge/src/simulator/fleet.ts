import type { RefusalReason } from '../ingest/refusal.js';
import type { KeyAlgorithm } from '../protocol/signature.js';
import { VirtualMonitor } from './monitor.js';
import type { Sender } from './sender.js';

export interface FleetOptions {
  devices: number;
  seed?: number;
  /** Device ids are `${prefix}-${index}`. */
  prefix?: string;
  /** Every second device signs with secp256k1 when 'mixed'. */
  algorithm?: KeyAlgorithm | 'mixed';
  batchSize?: number;
}

/** A frame a device still has to deliver (it keeps it until the bridge answers, as the firmware's buffer does). */
interface Outgoing {
  frame: Uint8Array;
  sequence: bigint;
  readings: number;
}

/** What the bridge answered one device so far. */
export interface DeviceLog {
  acknowledged: bigint[];
  duplicates: bigint[];
  refused: Array<{ sequence: bigint; code: RefusalReason; message: string }>;
  /** Readings in acknowledged batches. */
  readingsAcknowledged: number;
}

/**
 * A fleet of virtual monitors and their delivery: each device keeps its signed frames in an outbox and sends them
 * in order, one at a time; a frame leaves the outbox when the bridge answers it (ack, duplicate or refusal) and
 * stays for a later retry when it gets no answer (bridge down, timeout).
 */
export class Fleet {
  readonly monitors: VirtualMonitor[];
  readonly logs = new Map<string, DeviceLog>();
  private readonly outboxes = new Map<string, Outgoing[]>();

  constructor(options: FleetOptions) {
    const seed = options.seed ?? 1;
    this.monitors = Array.from({ length: options.devices }, (_, i) => {
      const algorithm = options.algorithm === 'mixed' ? (i % 2 === 0 ? 'ed25519' : 'secp256k1') : (options.algorithm ?? 'ed25519');
      return new VirtualMonitor({ deviceId: `${options.prefix ?? 'sim'}-${i}`, seed: seed * 1_000 + i, algorithm, batchSize: options.batchSize });
    });
    for (const monitor of this.monitors) {
      this.outboxes.set(monitor.deviceId, []);
      this.logs.set(monitor.deviceId, { acknowledged: [], duplicates: [], refused: [], readingsAcknowledged: 0 });
    }
  }

  /** Every monitor samples once (`dtS` of battery time) at `nowMs`; full batches move to the outboxes. */
  sample(nowMs: number, dtS: number): void {
    for (const monitor of this.monitors) {
      monitor.sample(nowMs, dtS);
      const batch = monitor.takeBatch(nowMs);
      this.enqueue(monitor, batch);
      // A replaying device sends its first frame again after each new one.
      if (batch && monitor.faults.has('replay') && batch.sequence > 1n) this.enqueue(monitor, monitor.replayFrame());
    }
  }

  /** Moves every reading monitors still buffer to their outboxes, in batches (the last one partly filled). */
  seal(nowMs: number): void {
    for (const monitor of this.monitors) {
      for (let batch = monitor.takeBatch(nowMs, true); batch; batch = monitor.takeBatch(nowMs, true)) this.enqueue(monitor, batch);
    }
  }

  /** Frames waiting in outboxes. */
  get undelivered(): number {
    let count = 0;
    for (const outbox of this.outboxes.values()) count += outbox.length;
    return count;
  }

  /** Sends what the outboxes hold, devices in parallel, each in order; stops a device at its first unanswered frame. */
  async deliver(sender: Sender): Promise<void> {
    await Promise.all(this.monitors.map((monitor) => this.deliverDevice(monitor.deviceId, sender)));
  }

  private async deliverDevice(deviceId: string, sender: Sender): Promise<void> {
    const outbox = this.outboxes.get(deviceId)!;
    const log = this.logs.get(deviceId)!;
    while (outbox.length > 0) {
      const next = outbox[0]!;
      let result;
      try {
        result = await sender.send(deviceId, next.frame);
      } catch {
        return;
      }
      const { reply } = result;
      if (reply.status === 'ok') {
        (reply.data.duplicate ? log.duplicates : log.acknowledged).push(next.sequence);
        log.readingsAcknowledged += next.readings;
      } else if (reply.error.code === 'spool_full' || reply.error.code === 'not_ready') {
        return; // the bridge asks to come back later: keep the frame
      } else {
        log.refused.push({ sequence: next.sequence, code: reply.error.code, message: reply.error.message });
      }
      outbox.shift();
    }
  }

  private enqueue(monitor: VirtualMonitor, batch: { frame: Uint8Array; sequence: bigint; readings: number } | undefined): void {
    if (batch) this.outboxes.get(monitor.deviceId)!.push(batch);
  }
}
