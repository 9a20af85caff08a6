import { candidCodec, OrderedKey } from '@chargex/common';
import { IDL, Principal, StableBTreeMap } from 'azle';

import { ALERTS_MEMORY } from '../memory';

/** Most technicians assigned to one battery. */
export const MAX_TECHNICIANS_PER_BATTERY = 20;

/** The technicians assigned to each battery: they receive its alerts beside its owner and lessee. */
export class TechnicianAssignments {
  private readonly byBattery = new StableBTreeMap<bigint, Principal[]>(ALERTS_MEMORY.assignments, OrderedKey.u64, candidCodec(IDL.Vec(IDL.Principal)));

  of(tokenId: bigint): Principal[] {
    return this.byBattery.get(tokenId) ?? [];
  }

  /** Assigns a technician; false when the battery already has the most allowed. */
  assign(tokenId: bigint, technician: Principal): boolean {
    const current = this.of(tokenId);
    if (current.some((p) => p.compareTo(technician) === 'eq')) {
      return true;
    }
    if (current.length >= MAX_TECHNICIANS_PER_BATTERY) {
      return false;
    }
    this.byBattery.insert(tokenId, [...current, technician]);
    return true;
  }

  unassign(tokenId: bigint, technician: Principal): boolean {
    const current = this.of(tokenId);
    const kept = current.filter((p) => p.compareTo(technician) !== 'eq');
    if (kept.length === current.length) {
      return false;
    }
    this.byBattery.insert(tokenId, kept);
    return true;
  }

  batteries(): number {
    return this.byBattery.len();
  }
}
