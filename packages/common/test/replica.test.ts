import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { RoleChange } from '../src/roles/change';
import { RoleReplica, RoleReplicaStore } from '../src/roles/replica';
import { Role, roleToVariant } from '../src/roles/role';
import { RoleSet } from '../src/roles/role_set';

class MemoryReplicaStore implements RoleReplicaStore {
  sets = new Map<string, RoleSet>();
  seq = 0n;
  roleSet = (p: Principal) => this.sets.get(p.toText()) ?? 0;
  setRoleSet = (p: Principal, set: RoleSet) => void (set === 0 ? this.sets.delete(p.toText()) : this.sets.set(p.toText(), set));
  lastSeq = () => this.seq;
  setLastSeq = (seq: bigint) => void (this.seq = seq);
  holders = () => this.sets.size;
  clear = () => {
    this.sets.clear();
    this.seq = 0n;
  };
}

const admin = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
const alice = Principal.fromText('un4fu-tqaaa-aaaab-qadjq-cai');
const bob = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');

function change(seq: number, principal: Principal, role: Role, grant: boolean): RoleChange {
  return {
    seq: BigInt(seq),
    principal,
    role: roleToVariant(role),
    action: grant ? { Grant: null } : { Revoke: null },
    by: admin,
    at: BigInt(seq) * 1_000n
  };
}

function replica(): [RoleReplica, MemoryReplicaStore] {
  const store = new MemoryReplicaStore();
  return [new RoleReplica(store), store];
}

describe('RoleReplica', () => {
  it('grants and revokes in sequence order', () => {
    const [roles] = replica();
    const outcome = roles.apply([
      change(1, alice, 'technician', true),
      change(2, alice, 'lessee', true),
      change(3, alice, 'technician', false)
    ]);
    expect(outcome).toMatchObject({ appliedThrough: 3n, applied: 3, duplicates: 0, gap: undefined });
    expect(roles.hasRole(alice, 'technician')).toBe(false);
    expect(roles.hasRole(alice, 'lessee')).toBe(true);
    expect(roles.rolesOf(alice)).toEqual(['lessee']);
  });

  it('ends in the same state whatever order a batch arrives in', () => {
    const batch = [change(1, bob, 'relayer', true), change(2, bob, 'relayer', false), change(3, bob, 'device', true)];
    const [forward] = replica();
    const [backward] = replica();
    forward.apply(batch);
    backward.apply([...batch].reverse());
    expect(backward.rolesOf(bob)).toEqual(forward.rolesOf(bob));
    expect(forward.rolesOf(bob)).toEqual(['device']);
  });

  it('ignores a replayed change (a retried push) instead of re-applying it', () => {
    const [roles] = replica();
    roles.apply([change(1, alice, 'admin', true), change(2, alice, 'admin', false)]);
    const outcome = roles.apply([change(1, alice, 'admin', true)]);
    expect(outcome.duplicates).toBe(1);
    expect(roles.hasRole(alice, 'admin')).toBe(false);
  });

  it('stops at a gap and applies nothing past it', () => {
    const [roles] = replica();
    roles.apply([change(1, alice, 'lessee', true)]);
    const outcome = roles.apply([change(3, bob, 'admin', true)]);
    expect(outcome.gap).toEqual({ expected: 2n, received: 3n });
    expect(outcome.appliedThrough).toBe(1n);
    expect(roles.hasRole(bob, 'admin')).toBe(false);
  });

  it('fills a gap when the missing change arrives with the rest', () => {
    const [roles] = replica();
    roles.apply([change(1, alice, 'lessee', true)]);
    roles.apply([change(3, bob, 'admin', true)]);
    const outcome = roles.apply([change(2, bob, 'technician', true), change(3, bob, 'admin', true)]);
    expect(outcome.appliedThrough).toBe(3n);
    expect(roles.rolesOf(bob)).toEqual(['admin', 'technician']);
  });

  it('keeps principals with no role out of the store', () => {
    const [roles, store] = replica();
    roles.apply([change(1, alice, 'lessee', true), change(2, alice, 'lessee', false)]);
    expect(store.sets.size).toBe(0);
    expect(roles.holders()).toBe(0);
  });

  it('forgets everything on reset', () => {
    const [roles] = replica();
    roles.apply([change(1, alice, 'admin', true)]);
    roles.reset();
    expect(roles.lastSeq()).toBe(0n);
    expect(roles.hasRole(alice, 'admin')).toBe(false);
  });
});
