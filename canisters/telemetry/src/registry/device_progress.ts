import { OrderedKey } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { TELEMETRY_MEMORY } from '../memory';

/**
 * The highest sequence number accepted per device. Kept apart from the device record so that the write every
 * ingest makes is 8 bytes, not the whole record with its key.
 */
export class DeviceProgress {
  private readonly lastSequence = new StableBTreeMap<number, bigint>(TELEMETRY_MEMORY.deviceProgress, OrderedKey.u32, OrderedKey.u64);

  /** The highest sequence accepted from `device`, if any. */
  get(device: number): bigint | undefined {
    return this.lastSequence.get(device);
  }

  /** Raises the device's highest accepted sequence to `sequence` if it is higher. */
  advance(device: number, sequence: bigint): void {
    const current = this.lastSequence.get(device);
    if (current === undefined || sequence > current) {
      this.lastSequence.insert(device, sequence);
    }
  }
}
