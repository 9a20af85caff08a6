import { candidCodec, OrderedKey } from '@chargex/common';
import { IDL, Principal, StableBTreeMap } from 'azle';

import { ALERTS_MEMORY } from '../memory';

interface FeedCounters {
  entries: number;
  unread: number;
}

const FeedCountersIdl = IDL.Record({ entries: IDL.Nat32, unread: IDL.Nat32 });

/**
 * Each person's feed: the alerts routed to them by position (0, 1, ... in the order they arrived, so a page is
 * read by key, never by scanning other people's), which of them they have read, and their counts.
 */
export class FeedStore {
  private readonly entries = new StableBTreeMap<[Principal, number], bigint>(
    ALERTS_MEMORY.feedEntries,
    OrderedKey.tuple(OrderedKey.principal, OrderedKey.u32),
    OrderedKey.u64
  );
  private readonly counters = new StableBTreeMap<Principal, FeedCounters>(ALERTS_MEMORY.feedCounters, OrderedKey.principal, candidCodec(FeedCountersIdl));
  private readonly reads = new StableBTreeMap<[Principal, bigint], number>(
    ALERTS_MEMORY.feedReads,
    OrderedKey.tuple(OrderedKey.principal, OrderedKey.u64),
    OrderedKey.u8
  );

  /** Puts an alert at the top of a person's feed, unread. */
  add(person: Principal, alertId: bigint): void {
    const counters = this.countersOf(person);
    this.entries.insert([person, counters.entries], alertId);
    this.counters.insert(person, { entries: counters.entries + 1, unread: counters.unread + 1 });
  }

  /** Marks alerts read; returns how many were unread. Alerts not in the feed are ignored by the caller's check. */
  markRead(person: Principal, alertIds: bigint[]): number {
    let marked = 0;
    for (const id of alertIds) {
      if (!this.reads.containsKey([person, id])) {
        this.reads.insert([person, id], 1);
        marked += 1;
      }
    }
    if (marked > 0) {
      const counters = this.countersOf(person);
      this.counters.insert(person, { ...counters, unread: Math.max(0, counters.unread - marked) });
    }
    return marked;
  }

  isRead(person: Principal, alertId: bigint): boolean {
    return this.reads.containsKey([person, alertId]);
  }

  /** The alert at a position of a person's feed. */
  at(person: Principal, position: number): bigint | undefined {
    return this.entries.get([person, position]);
  }

  countersOf(person: Principal): FeedCounters {
    return this.counters.get(person) ?? { entries: 0, unread: 0 };
  }

  people(): number {
    return this.counters.len();
  }
}
