import type { EventBus } from '../infra/event-bus.js';
import { BatchDecodeError } from '../protocol/canonical.js';
import { decodeFrame, type SignedFrame } from '../protocol/frame.js';
import { verifyBatchSignature } from '../protocol/signature.js';
import type { DeviceRegistryCache } from '../registry/device-registry.js';
import { frameDigest, type Spool } from '../spool/spool.js';
import { checkRanges } from './ranges.js';
import { Refusal, type Transport } from './refusal.js';

export interface AdmissionLimits {
  maxFrameBytes: number;
  maxClockSkewMs: number;
  maxReadingAgeMs: number;
}

/** A batch the bridge has taken responsibility for (or had already: `duplicate`). */
export interface Admitted {
  deviceId: string;
  sequence: bigint;
  readings: number;
  duplicate: boolean;
}

/**
 * The checks every batch passes before a device is acknowledged, whatever transport brought it: size, canonical
 * form, a registered and active device, its signature, plausible values and times, a sequence above the last one
 * accepted; then the spool append. Signatures are checked before sequences, so a forgery is reported as one and
 * not as a replay.
 */
export class Admission {
  constructor(
    private readonly spool: Spool,
    private readonly registry: DeviceRegistryCache,
    private readonly bus: EventBus,
    private readonly limits: AdmissionLimits,
  ) {}

  /** Admits a frame or throws a Refusal; `topicDeviceId` is the device an MQTT topic names. */
  async admit(frame: Uint8Array, transport: Transport, topicDeviceId?: string): Promise<Admitted> {
    try {
      const admitted = await this.check(frame, topicDeviceId);
      this.bus.emit('batchAccepted', { transport, ...admitted });
      return admitted;
    } catch (error) {
      throw this.refused(error instanceof Refusal ? error : new Refusal('not_ready', `internal error: ${(error as Error).message}`), transport);
    }
  }

  /** Reports a refusal, also one a transport made before admission saw the batch (a body too large to read). */
  refused(refusal: Refusal, transport: Transport): Refusal {
    this.bus.emit('batchRefused', { transport, reason: refusal.reason, deviceId: refusal.deviceId });
    return refusal;
  }

  private async check(frame: Uint8Array, topicDeviceId: string | undefined): Promise<Admitted> {
    if (frame.length > this.limits.maxFrameBytes) throw oversized(frame.length, this.limits.maxFrameBytes, topicDeviceId);
    const signed = decode(frame, topicDeviceId);
    try {
      return await this.checkDecoded(frame, signed, topicDeviceId);
    } catch (error) {
      if (error instanceof Refusal) error.sequence = signed.batch.sequence;
      throw error;
    }
  }

  private async checkDecoded(frame: Uint8Array, signed: SignedFrame, topicDeviceId: string | undefined): Promise<Admitted> {
    const { deviceId, sequence, readings } = signed.batch;
    if (topicDeviceId !== undefined && topicDeviceId !== deviceId) {
      throw new Refusal('malformed', `published on the topic of device ${topicDeviceId} but signed by device ${deviceId}`, topicDeviceId);
    }
    if (!this.registry.loaded) throw new Refusal('not_ready', 'the device registry has not been read from telemetry yet', deviceId);
    const device = this.registry.get(deviceId) ?? (await this.registry.lookupMissing(deviceId));
    if (!device) throw new Refusal('unknown_device', `device ${deviceId} is not in telemetry's registry`, deviceId);
    if (device.status !== 'active') throw new Refusal('device_inactive', `device ${deviceId} is ${device.status}`, deviceId);
    if (!verifyBatchSignature(device.key, signed.batchBytes, signed.signature)) {
      throw new Refusal('bad_signature', `the signature of batch ${sequence} does not verify with the ${device.key.algorithm} key of ${deviceId}`, deviceId);
    }
    checkRanges(signed.batch, { nowMs: Date.now(), maxClockSkewMs: this.limits.maxClockSkewMs, maxReadingAgeMs: this.limits.maxReadingAgeMs });

    // From here to the append nothing awaits, so two copies of one batch cannot both pass the sequence check.
    const digest = frameDigest(frame);
    const last = this.spool.highWaterOf(deviceId);
    if (last && sequence <= last.sequence) {
      if (sequence === last.sequence && digest === last.digest) return { deviceId, sequence, readings: readings.length, duplicate: true };
      throw new Refusal('replayed', `sequence ${sequence} is not above ${last.sequence}, the last accepted from ${deviceId}`, deviceId);
    }
    if (!this.spool.hasRoomFor(frame.length)) {
      throw new Refusal('spool_full', `the spool holds ${this.spool.pendingBytes} bytes of unrelayed batches`, deviceId);
    }
    try {
      await this.spool.append({ deviceId, sequence, frame: new Uint8Array(frame), digest });
    } catch (error) {
      throw new Refusal('not_ready', `the spool could not write the batch: ${(error as Error).message}`, deviceId);
    }
    return { deviceId, sequence, readings: readings.length, duplicate: false };
  }
}

export function oversized(size: number | undefined, limit: number, deviceId?: string): Refusal {
  return new Refusal('oversized', `${size === undefined ? 'the body' : `${size} bytes`} is over the limit of ${limit} bytes`, deviceId);
}

function decode(frame: Uint8Array, topicDeviceId: string | undefined): SignedFrame {
  try {
    return decodeFrame(frame);
  } catch (error) {
    if (error instanceof BatchDecodeError) throw new Refusal('malformed', error.message, topicDeviceId);
    throw error;
  }
}
