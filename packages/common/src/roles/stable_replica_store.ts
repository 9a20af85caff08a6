import { Principal } from '@dfinity/principal';
import { StableBTreeMap } from 'azle';

import { KeyValueStore } from '../storage/codec';
import { COMMON_MEMORY } from '../storage/memory';
import { OrderedKey } from '../storage/ordered_key';
import { StableCell } from '../storage/stable_cell';
import { RoleReplicaStore } from './replica';
import { RoleSet } from './role_set';

const CLEAR_BATCH = 500;

/** RoleReplicaStore on stable memory: principal -> role bit mask (2 bytes), plus the last applied sequence. */
export class StableRoleReplicaStore implements RoleReplicaStore {
  private readonly sets = new StableBTreeMap<Principal, RoleSet>(COMMON_MEMORY.roleSets, OrderedKey.principal, OrderedKey.u16);
  private readonly seq: StableCell<bigint>;

  constructor(meta: KeyValueStore<string, Uint8Array>) {
    this.seq = new StableCell(meta, 'common.roles.last_seq', OrderedKey.u64);
  }

  roleSet(principal: Principal): RoleSet {
    return this.sets.get(principal) ?? 0;
  }

  setRoleSet(principal: Principal, set: RoleSet): void {
    if (set === 0) {
      this.sets.remove(principal);
    } else {
      this.sets.insert(principal, set);
    }
  }

  lastSeq(): bigint {
    return this.seq.getOr(0n);
  }

  setLastSeq(seq: bigint): void {
    this.seq.set(seq);
  }

  holders(): number {
    return this.sets.len();
  }

  clear(): void {
    for (let batch = this.sets.keys(0, CLEAR_BATCH); batch.length > 0; batch = this.sets.keys(0, CLEAR_BATCH)) {
      batch.forEach((principal) => this.sets.remove(principal));
    }
    this.seq.set(0n);
  }
}
