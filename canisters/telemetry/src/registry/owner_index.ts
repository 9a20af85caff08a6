import { OrderedKey } from '@chargex/common';
import { Principal, StableBTreeMap } from 'azle';

import { TELEMETRY_MEMORY } from '../memory';

/**
 * Each owner's devices as a dense list (slots 0..count-1), so a page of one owner's devices is one lookup per
 * device. The device record keeps its slot; removing a device moves the owner's last device into the hole, so a
 * listing paged across an ownership change may show a device twice or miss one.
 */
export class OwnerIndex {
  private readonly bySlot = new StableBTreeMap<[Principal, number], number>(
    TELEMETRY_MEMORY.ownerDevices,
    OrderedKey.tuple(OrderedKey.principal, OrderedKey.u32),
    OrderedKey.u32
  );
  private readonly counts = new StableBTreeMap<Principal, number>(TELEMETRY_MEMORY.ownerCounts, OrderedKey.principal, OrderedKey.u32);

  /** Appends `device` to `owner`'s list; returns its slot. */
  add(owner: Principal, device: number): number {
    const slot = this.count(owner);
    this.bySlot.insert([owner, slot], device);
    this.counts.insert(owner, slot + 1);
    return slot;
  }

  /**
   * Removes the device in `slot` of `owner`'s list. Returns the device that moved into the slot (whose record
   * must be given the slot), if one did.
   */
  remove(owner: Principal, slot: number): number | undefined {
    const last = this.count(owner) - 1;
    let moved: number | undefined;
    if (slot !== last) {
      moved = this.bySlot.get([owner, last]);
      if (moved === undefined) {
        throw new Error(`owner device list of ${owner.toText()} broken at slot ${last}`);
      }
      this.bySlot.insert([owner, slot], moved);
    }
    this.bySlot.remove([owner, last]);
    this.counts.insert(owner, last);
    return moved;
  }

  /** The device in `slot` of `owner`'s list. */
  at(owner: Principal, slot: number): number | undefined {
    return this.bySlot.get([owner, slot]);
  }

  /** Number of devices `owner` has. */
  count(owner: Principal): number {
    return this.counts.get(owner) ?? 0;
  }
}
