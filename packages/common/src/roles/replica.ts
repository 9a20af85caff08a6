import { Principal } from '@dfinity/principal';

import { planApply, SequenceGap } from './apply_plan';
import { isGrant, RoleChange } from './change';
import { Role, roleFromVariant } from './role';
import { RoleSet, rolesInSet, setHasRole, withoutRole, withRole } from './role_set';

/** Where a RoleReplica keeps its state (stable maps in a canister, plain maps in unit tests). */
export interface RoleReplicaStore {
  roleSet(principal: Principal): RoleSet;
  /** Stores the set; the empty set removes the principal. */
  setRoleSet(principal: Principal, set: RoleSet): void;
  lastSeq(): bigint;
  setLastSeq(seq: bigint): void;
  /** Number of principals holding at least one role. */
  holders(): number;
  /** Forgets every role and resets the sequence to 0. */
  clear(): void;
}

/** What applying a batch of changes did. */
export interface ApplyOutcome {
  appliedThrough: bigint;
  applied: number;
  duplicates: number;
  gap: SequenceGap | undefined;
}

/**
 * The local copy of profile's role assignments that every canister checks roles against, so a role check costs
 * one stable-map read and no inter-canister call. Profile uses the same class for its authoritative copy.
 */
export class RoleReplica {
  constructor(private readonly store: RoleReplicaStore) {}

  /** Tells whether `principal` currently holds `role`. */
  hasRole(principal: Principal, role: Role): boolean {
    return setHasRole(this.store.roleSet(principal), role);
  }

  /** Every role `principal` holds, in ROLES order. */
  rolesOf(principal: Principal): Role[] {
    return rolesInSet(this.store.roleSet(principal));
  }

  /** Sequence number of the newest change applied. */
  lastSeq(): bigint {
    return this.store.lastSeq();
  }

  /** Number of principals holding at least one role. */
  holders(): number {
    return this.store.holders();
  }

  /** Applies the changes that continue the sequence; reports duplicates and the first gap. */
  apply(changes: readonly RoleChange[]): ApplyOutcome {
    const plan = planApply(this.store.lastSeq(), changes);
    for (const change of plan.apply) {
      const role = roleFromVariant(change.role);
      const current = this.store.roleSet(change.principal);
      this.store.setRoleSet(change.principal, isGrant(change) ? withRole(current, role) : withoutRole(current, role));
    }
    const last = plan.apply[plan.apply.length - 1];
    if (last !== undefined) {
      this.store.setLastSeq(last.seq);
    }
    return {
      appliedThrough: this.store.lastSeq(),
      applied: plan.apply.length,
      duplicates: plan.duplicates,
      gap: plan.gap
    };
  }

  /** Forgets everything (used when the replica starts following a different profile canister). */
  reset(): void {
    this.store.clear();
  }
}
