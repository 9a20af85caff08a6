import { candidCodec, KeyValueStore, OrderedKey, rawCodec, StableCell } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { LEASING_MEMORY } from '../memory';
import { storedTokenId } from '../nft/token_store';
import { isOpen, Lease, LeaseIdl } from './lease';

const DUE_BATCH = 20;

/**
 * Every lease ever made, the open lease of each token, and the schedule: one key (next_event_at, lease id) per
 * open lease, ordered by time so the due ones are the first keys. The schedule is what re-arms the lease timer
 * after an upgrade.
 */
export class LeaseStore {
  private readonly leases = new StableBTreeMap<bigint, Lease>(LEASING_MEMORY.leases, OrderedKey.u64, candidCodec(LeaseIdl));
  private readonly openByToken = new StableBTreeMap<bigint, bigint>(LEASING_MEMORY.leaseByToken, OrderedKey.u64, OrderedKey.u64);
  private readonly schedule = new StableBTreeMap<[bigint, bigint], Uint8Array>(
    LEASING_MEMORY.leaseSchedule,
    OrderedKey.tuple(OrderedKey.u64, OrderedKey.u64),
    rawCodec
  );
  private readonly lastId: StableCell<bigint>;

  /** `onChange` sees every lease saved, with what it was before (the lease's alert signals are derived from it). */
  constructor(
    meta: KeyValueStore<string, Uint8Array>,
    private readonly onChange: (before: Lease | undefined, after: Lease) => void = () => undefined
  ) {
    this.lastId = new StableCell(meta, 'leasing.leases.last_id', OrderedKey.u64);
  }

  /** A new lease id. */
  nextId(): bigint {
    const id = this.lastId.getOr(0n) + 1n;
    this.lastId.set(id);
    return id;
  }

  /** The lease with `id`. */
  get(id: bigint): Lease | undefined {
    return this.leases.get(id);
  }

  /** The open lease of token `tokenId` (a candid nat), if it is leased. */
  openLeaseOf(tokenId: bigint): Lease | undefined {
    const stored = storedTokenId(tokenId);
    const id = stored === undefined ? undefined : this.openByToken.get(stored);
    return id === undefined ? undefined : this.leases.get(id);
  }

  /** Stores `lease`, moving its schedule entry to `next_event_at` (a closed lease leaves the schedule). */
  save(lease: Lease): void {
    const before = this.leases.get(lease.id);
    const scheduled = before?.next_event_at[0];
    if (scheduled !== undefined) {
      this.schedule.remove([scheduled, lease.id]);
    }
    this.leases.insert(lease.id, lease);
    const next = lease.next_event_at[0];
    if (isOpen(lease)) {
      this.openByToken.insert(lease.token_id, lease.id);
      if (next !== undefined) {
        this.schedule.insert([next, lease.id], new Uint8Array());
      }
    } else {
      this.openByToken.remove(lease.token_id);
    }
    this.onChange(before, lease);
  }

  /** Ids of open leases whose next event is due at `now`, earliest first (a batch at a time). */
  due(now: bigint): bigint[] {
    return this.schedule
      .keys(0, DUE_BATCH)
      .filter(([at]) => at <= now)
      .map(([, id]) => id);
  }

  /** The time of the earliest scheduled event. */
  nextEventAt(): bigint | undefined {
    return this.schedule.keys(0, 1)[0]?.[0];
  }

  /** Every open lease, earliest event first. */
  open(): Lease[] {
    return this.schedule.keys().map(([, id]) => this.require(id));
  }

  /** Number of open leases. */
  openCount(): number {
    return this.schedule.len();
  }

  /** Number of leases ever made. */
  count(): number {
    return this.leases.len();
  }

  private require(id: bigint): Lease {
    const lease = this.leases.get(id);
    if (lease === undefined) {
      throw new Error(`lease schedule broken: lease ${id} is scheduled but not stored`);
    }
    return lease;
  }
}
