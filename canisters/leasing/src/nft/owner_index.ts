import { Codec, OrderedKey, rawCodec } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { Account, accountKey } from '../icrc3/account';
import { LEASING_MEMORY } from '../memory';
import { chunkEmpty, chunkOf, collectIds, withId } from './id_chunks';

/** How many tokens an account holds and which id chunks hold them (ascending). */
interface OwnerDirectory {
  count: bigint;
  chunks: number[];
}

/** Count as 8 bytes, then each chunk number as 4 bytes, big-endian. */
const directoryCodec: Codec<OwnerDirectory> = {
  toBytes(directory) {
    const out = new Uint8Array(8 + 4 * directory.chunks.length);
    const view = new DataView(out.buffer);
    view.setBigUint64(0, directory.count);
    directory.chunks.forEach((chunk, i) => view.setUint32(8 + 4 * i, chunk));
    return out;
  },
  fromBytes(bytes) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const chunks: number[] = [];
    for (let offset = 8; offset < bytes.length; offset += 4) {
      chunks.push(view.getUint32(offset));
    }
    return { count: view.getBigUint64(0), chunks };
  }
};

/**
 * The tokens each account holds, for icrc7_balance_of and icrc7_tokens_of: per account a directory (count and the
 * sorted list of its non-empty id chunks) and one 8-byte bitmap per chunk. A page after `prev` finds its first
 * chunk by binary search in the directory and reads one entry per 64 ids from there.
 */
export class OwnerIndex {
  private readonly chunks = new StableBTreeMap<[Account, number], Uint8Array>(
    LEASING_MEMORY.ownerChunks,
    OrderedKey.tuple(accountKey, OrderedKey.u32),
    rawCodec
  );
  private readonly directories = new StableBTreeMap<Account, OwnerDirectory>(
    LEASING_MEMORY.ownerDirectory,
    accountKey,
    directoryCodec
  );

  /** Records that the (canonical) `account` holds token `id`. */
  add(account: Account, id: bigint): void {
    const chunk = chunkOf(id);
    const directory = this.directories.get(account) ?? { count: 0n, chunks: [] };
    const at = lowerBound(directory.chunks, chunk);
    if (directory.chunks[at] !== chunk) {
      directory.chunks.splice(at, 0, chunk);
    }
    this.chunks.insert([account, chunk], withId(this.chunks.get([account, chunk]), id, true));
    this.directories.insert(account, { count: directory.count + 1n, chunks: directory.chunks });
  }

  /** Records that the (canonical) `account` no longer holds token `id`. */
  remove(account: Account, id: bigint): void {
    const chunk = chunkOf(id);
    const directory = this.directories.get(account);
    const bits = this.chunks.get([account, chunk]);
    if (directory === undefined || bits === undefined) {
      throw new Error(`owner index broken: token ${id} is not indexed under its owner`);
    }
    const remaining = withId(bits, id, false);
    if (chunkEmpty(remaining)) {
      this.chunks.remove([account, chunk]);
      directory.chunks.splice(lowerBound(directory.chunks, chunk), 1);
    } else {
      this.chunks.insert([account, chunk], remaining);
    }
    if (directory.count === 1n) {
      this.directories.remove(account);
    } else {
      this.directories.insert(account, { count: directory.count - 1n, chunks: directory.chunks });
    }
  }

  /** Number of tokens the account holds. */
  count(account: Account): bigint {
    return this.directories.get(account)?.count ?? 0n;
  }

  /** Token ids the account holds after `prev`, ascending, at most `take`. */
  page(account: Account, prev: bigint | undefined, take: number): bigint[] {
    const directory = this.directories.get(account);
    if (directory === undefined) {
      return [];
    }
    const first = prev === undefined ? 0 : lowerBound(directory.chunks, chunkOf(prev));
    return collectIds(directory.chunks.slice(first), (chunk) => this.chunks.get([account, chunk]), prev, take);
  }
}

/** Index of the first element not less than `value` in an ascending list. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) < value) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}
