import { KeyValueStore, OrderedKey } from '@chargex/common';

import { PERMITTED_DRIFT_NS, TX_WINDOW_NS } from '../token';

/**
 * Transactions that asked for deduplication (they carry created_at_time), by transaction hash, with the block that
 * recorded each. An entry is needed only while a resubmission could still be accepted: once its created_at_time
 * is older than TX_WINDOW + PERMITTED_DRIFT the ledger answers TooOld before looking here. A second map ordered
 * by that moment lets the entries be dropped from its front as the window passes.
 */
export class DedupIndex {
  constructor(
    private readonly entries: KeyValueStore<Uint8Array, bigint>,
    private readonly expiries: KeyValueStore<Uint8Array, Uint8Array>,
    /** Most entries kept; beyond it new deduplicated transactions are refused until old ones expire. */
    private readonly capacity: number
  ) {}

  /** The block that recorded the transaction with hash `txHash`, if it is remembered. */
  find(txHash: Uint8Array): bigint | undefined {
    return this.entries.get(txHash);
  }

  /** Tells whether no further transaction can be remembered right now. */
  isFull(): boolean {
    return this.entries.len() >= this.capacity;
  }

  /** Remembers that block `blockIndex` recorded the transaction `txHash` created at `createdAt`. */
  remember(txHash: Uint8Array, blockIndex: bigint, createdAt: bigint): void {
    this.entries.insert(txHash, blockIndex);
    this.expiries.insert(expiryKey(lastUsefulMoment(createdAt), txHash), new Uint8Array());
  }

  /** Number of remembered transactions. */
  count(): number {
    return this.entries.len();
  }

  /** The first moment at which an entry can be dropped, if there is any entry. */
  nextDueAt(): bigint | undefined {
    const [first] = this.expiries.keys(0, 1);
    return first === undefined ? undefined : OrderedKey.u64.read(first, 0)[0] + 1n;
  }

  /** Drops up to `limit` entries whose transactions would now be TooOld; returns how many. */
  pruneDue(now: bigint, limit: number): number {
    let pruned = 0;
    for (const key of this.expiries.keys(0, limit)) {
      if (OrderedKey.u64.read(key, 0)[0] >= now) {
        break;
      }
      this.expiries.remove(key);
      this.entries.remove(key.slice(8));
      pruned++;
    }
    return pruned;
  }
}

/** The latest ledger time at which a transaction created at `createdAt` is not yet TooOld. */
export function lastUsefulMoment(createdAt: bigint): bigint {
  return createdAt + TX_WINDOW_NS + PERMITTED_DRIFT_NS;
}

function expiryKey(at: bigint, txHash: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + txHash.length);
  out.set(OrderedKey.u64.write(at));
  out.set(txHash, 8);
  return out;
}
