import { BatchError, DeviceBatch } from '../api/ingest';
import { StoredDevice } from '../registry/device_registry';
import { MAX_READINGS_PER_BATCH } from './limits';
import { TimestampBounds, timestampWindow } from './reading_validation';

/**
 * The checks that refuse a whole batch: a device that is not active, no readings or too many, a batch timestamp
 * outside the permitted window. (Unknown devices and replays are settled before, by the caller.)
 */
export function batchProblem(batch: DeviceBatch, device: StoredDevice, bounds: TimestampBounds): BatchError | undefined {
  if (!('Active' in device.status)) {
    return { DeviceNotActive: { status: device.status } };
  }
  if (batch.readings.length === 0) {
    return { NoReadings: null };
  }
  if (batch.readings.length > MAX_READINGS_PER_BATCH) {
    return { TooManyReadings: { count: batch.readings.length, max: MAX_READINGS_PER_BATCH } };
  }
  const timestampMs = Number(batch.timestamp_ms);
  if (timestampMs < bounds.earliestMs || timestampMs > bounds.latestMs) {
    return { TimestampOutOfWindow: timestampWindow(batch.timestamp_ms, bounds) };
  }
  return undefined;
}

/** The device timestamps accepted now: no older than the raw retention, no further ahead than the drift allows. */
export function timestampBounds(nowNs: bigint, rawRetentionDays: number, maxFutureDriftMs: number): TimestampBounds {
  const nowMs = Number(nowNs / 1_000_000n);
  return { earliestMs: nowMs - rawRetentionDays * 86_400_000, latestMs: nowMs + maxFutureDriftMs };
}
