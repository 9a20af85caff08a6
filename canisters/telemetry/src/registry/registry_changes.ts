import { metaStore, OrderedKey, StableCell } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { TELEMETRY_CELLS, TELEMETRY_MEMORY } from '../memory';

/**
 * The registry's change log: every change to a device takes the next registry version, and the log maps each
 * version to the device that changed. A device keeps only its newest version in the log, so "changed since v" is
 * a walk over the versions after v with one lookup each, the superseded ones being misses.
 */
export class RegistryChanges {
  private readonly log = new StableBTreeMap<bigint, number>(TELEMETRY_MEMORY.registryChanges, OrderedKey.u64, OrderedKey.u32);
  private readonly head = new StableCell(metaStore(), TELEMETRY_CELLS.registryVersion, OrderedKey.u64);

  /** Records a change of `device`, whose previous version was `previous` (0: new device); returns the new version. */
  record(device: number, previous: bigint): bigint {
    const version = this.headVersion() + 1n;
    if (previous > 0n) {
      this.log.remove(previous);
    }
    this.log.insert(version, device);
    this.head.set(version);
    return version;
  }

  /** The device whose newest change has `version`, if that version is not superseded. */
  deviceAt(version: bigint): number | undefined {
    return this.log.get(version);
  }

  /** The newest registry version (0 before the first registration). */
  headVersion(): bigint {
    return this.head.getOr(0n);
  }
}
