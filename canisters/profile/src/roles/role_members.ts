import { OrderedKey, PageBounds, Role, roleCode } from '@chargex/common';
import { Principal, StableBTreeMap } from 'azle';

import { PROFILE_MEMORY } from '../memory';
import { MemberPage } from '../types';

/**
 * The holders of each role as a dense list per role (slots 0..count-1), so a page is one lookup per member.
 * Removing a member moves the last one into its slot: O(1), but a listing paged across a revoke may show one
 * member twice or miss one, which is acceptable for an admin view.
 */
export class RoleMembers {
  private readonly bySlot = new StableBTreeMap<[number, number], Principal>(
    PROFILE_MEMORY.roleMembers,
    OrderedKey.tuple(OrderedKey.u8, OrderedKey.u32),
    OrderedKey.principal
  );
  private readonly slotOf = new StableBTreeMap<[number, Principal], number>(
    PROFILE_MEMORY.roleMemberSlots,
    OrderedKey.tuple(OrderedKey.u8, OrderedKey.principal),
    OrderedKey.u32
  );
  private readonly counts = new StableBTreeMap<number, number>(PROFILE_MEMORY.roleMemberCounts, OrderedKey.u8, OrderedKey.u32);

  /** Adds `principal` to the holders of `role` (no-op if present). */
  add(role: Role, principal: Principal): void {
    const code = roleCode(role);
    if (this.slotOf.containsKey([code, principal])) {
      return;
    }
    const slot = this.count(role);
    this.bySlot.insert([code, slot], principal);
    this.slotOf.insert([code, principal], slot);
    this.counts.insert(code, slot + 1);
  }

  /** Removes `principal` from the holders of `role` (no-op if absent). */
  remove(role: Role, principal: Principal): void {
    const code = roleCode(role);
    const slot = this.slotOf.get([code, principal]);
    if (slot === undefined) {
      return;
    }
    const last = this.count(role) - 1;
    if (slot !== last) {
      const moved = this.bySlot.get([code, last]);
      if (moved === undefined) {
        throw new Error(`role member list for ${role} broken at slot ${last}`);
      }
      this.bySlot.insert([code, slot], moved);
      this.slotOf.insert([code, moved], slot);
    }
    this.bySlot.remove([code, last]);
    this.slotOf.remove([code, principal]);
    this.counts.insert(code, last);
  }

  /** Number of holders of `role`. */
  count(role: Role): number {
    return this.counts.get(roleCode(role)) ?? 0;
  }

  /** Holders of `role` from slot `bounds.start`. */
  page(role: Role, bounds: PageBounds): MemberPage {
    const code = roleCode(role);
    const total = BigInt(this.count(role));
    const end = bounds.start + BigInt(bounds.limit) < total ? bounds.start + BigInt(bounds.limit) : total;
    const members: Principal[] = [];
    for (let slot = bounds.start; slot < end; slot++) {
      const member = this.bySlot.get([code, Number(slot)]);
      if (member === undefined) {
        throw new Error(`role member list for ${role} broken at slot ${slot}`);
      }
      members.push(member);
    }
    return { members, next_cursor: end < total ? [end] : [] };
  }
}
