import { candidCodec, OrderedKey, RoleChange, RoleChangeIdl } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { PROFILE_MEMORY } from '../memory';

/** The append-only log of role changes, keyed by sequence number (1, 2, 3, ... with no holes). */
export class RoleLog {
  private readonly entries = new StableBTreeMap<bigint, RoleChange>(
    PROFILE_MEMORY.roleLog,
    OrderedKey.u64,
    candidCodec(RoleChangeIdl)
  );

  /** Sequence number of the newest change (0 when empty). */
  head(): bigint {
    return BigInt(this.entries.len());
  }

  /** Appends a change built for the next sequence number. */
  append(build: (seq: bigint) => RoleChange): RoleChange {
    const change = build(this.head() + 1n);
    this.entries.insert(change.seq, change);
    return change;
  }

  /** Up to `limit` changes with a sequence number above `after`, oldest first: one lookup each. */
  since(after: bigint, limit: number): RoleChange[] {
    const changes: RoleChange[] = [];
    const head = this.head();
    for (let seq = after + 1n; seq <= head && changes.length < limit; seq++) {
      const change = this.entries.get(seq);
      if (change === undefined) {
        throw new Error(`role log has a hole at ${seq}`);
      }
      changes.push(change);
    }
    return changes;
  }
}
