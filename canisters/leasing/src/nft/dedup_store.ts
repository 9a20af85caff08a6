import { KeyPart, OrderedKey, rawCodec } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { PERMITTED_DRIFT_NS, TX_WINDOW_NS } from '../limits';
import { LEASING_MEMORY } from '../memory';

const HASH_BYTES = 32;
const PRUNE_PER_CALL = 20;

const hashKey: KeyPart<Uint8Array> = {
  write: (value) => value,
  read: (bytes, offset) => [bytes.slice(offset, offset + HASH_BYTES), offset + HASH_BYTES],
  toBytes: (value) => value,
  fromBytes: (bytes) => bytes
};

/** The transaction a deduplication key was first seen in, and that request's created_at_time. */
interface SeenTransaction {
  tx: bigint;
  createdAt: bigint;
}

const seenCodec = {
  toBytes: (seen: SeenTransaction) => OrderedKey.tuple(OrderedKey.u64, OrderedKey.u64).write([seen.tx, seen.createdAt]),
  fromBytes: (bytes: Uint8Array): SeenTransaction => {
    const [tx, createdAt] = OrderedKey.tuple(OrderedKey.u64, OrderedKey.u64).fromBytes(bytes);
    return { tx, createdAt };
  }
};

/**
 * ICRC-7 transaction deduplication: requests that set created_at_time are remembered by their key for TX_WINDOW +
 * PERMITTED_DRIFT after that time, so a structurally equal request gets `Duplicate` with the first one's index.
 * An expiry index ordered by created_at_time lets each recording call forget a few expired keys.
 */
export class DedupStore {
  private readonly seen = new StableBTreeMap<Uint8Array, SeenTransaction>(LEASING_MEMORY.dedup, hashKey, seenCodec);
  private readonly expiry = new StableBTreeMap<[bigint, Uint8Array], Uint8Array>(
    LEASING_MEMORY.dedupExpiry,
    OrderedKey.tuple(OrderedKey.u64, hashKey),
    rawCodec
  );

  /** The transaction index of an earlier request with this key, if it is still inside the window. */
  find(key: Uint8Array, now: bigint): bigint | undefined {
    const seen = this.seen.get(key);
    return seen === undefined || expired(seen.createdAt, now) ? undefined : seen.tx;
  }

  /** Remembers that the request with `key` and `createdAt` became transaction `tx`; forgets a few expired keys. */
  record(key: Uint8Array, createdAt: bigint, tx: bigint, now: bigint): void {
    this.prune(now);
    this.seen.insert(key, { tx, createdAt });
    this.expiry.insert([createdAt, key], new Uint8Array());
  }

  /** Number of keys remembered. */
  size(): number {
    return this.seen.len();
  }

  private prune(now: bigint): void {
    for (const [createdAt, key] of this.expiry.keys(0, PRUNE_PER_CALL)) {
      if (!expired(createdAt, now)) {
        return;
      }
      this.expiry.remove([createdAt, key]);
      if (this.seen.get(key)?.createdAt === createdAt) {
        this.seen.remove(key);
      }
    }
  }
}

function expired(createdAt: bigint, now: bigint): boolean {
  return createdAt < now - TX_WINDOW_NS - PERMITTED_DRIFT_NS;
}
