import { OrderedKey } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { TELEMETRY_MEMORY } from '../memory';
import { Reading } from './reading';
import { readReading, writeReading } from './reading_codec';
import { ByteReader, ByteWriter } from './varint';

/**
 * What ingest changes per battery at every call: the chunk part readings are appended to (so an in-order append
 * finds it without probing), the number of readings stored, and the newest reading by device timestamp with the
 * device (by number) that sent it. Packed by hand: it is rewritten so often that its size is paid again and again.
 */
export interface BatteryProgress {
  openWindow: number;
  openPart: number;
  readings: number;
  latest: { device: number; reading: Reading } | undefined;
}

const packedProgress = {
  toBytes(progress: BatteryProgress): Uint8Array {
    const out = new ByteWriter(64);
    out.unsigned(progress.openWindow);
    out.unsigned(progress.openPart);
    out.unsigned(progress.readings);
    out.byte(progress.latest === undefined ? 0 : 1);
    if (progress.latest !== undefined) {
      out.unsigned(progress.latest.device);
      writeReading(out, progress.latest.reading);
    }
    return out.view().slice();
  },
  fromBytes(bytes: Uint8Array): BatteryProgress {
    const input = new ByteReader(bytes);
    const openWindow = input.unsigned();
    const openPart = input.unsigned();
    const readings = input.unsigned();
    const latest = input.byte() === 0 ? undefined : { device: input.unsigned(), reading: readReading(input) };
    return { openWindow, openPart, readings, latest };
  }
};

/** Each battery's progress, by battery number. */
export class BatteryProgressStore {
  private readonly progress = new StableBTreeMap<number, BatteryProgress>(TELEMETRY_MEMORY.batteryProgress, OrderedKey.u32, packedProgress);

  /** A battery's progress (nothing stored yet: no open part, no readings). */
  get(battery: number): BatteryProgress {
    return this.progress.get(battery) ?? { openWindow: 0, openPart: 0, readings: 0, latest: undefined };
  }

  /** Replaces a battery's progress. */
  put(battery: number, progress: BatteryProgress): void {
    this.progress.insert(battery, progress);
  }
}
