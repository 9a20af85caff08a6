import { OrderedKey, rawCodec } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { chunkEmpty, chunkOf, chunkRange, collectIds, withId } from './id_chunks';

/** A stable set of token ids as 64-id bitmaps, paged in ascending order after any `prev` (see id_chunks). */
export class IdSet {
  private readonly chunks: StableBTreeMap<number, Uint8Array>;

  constructor(memoryId: number) {
    this.chunks = new StableBTreeMap<number, Uint8Array>(memoryId, OrderedKey.u32, rawCodec);
  }

  /** Adds `id`. */
  add(id: bigint): void {
    this.chunks.insert(chunkOf(id), withId(this.chunks.get(chunkOf(id)), id, true));
  }

  /** Removes `id`. */
  remove(id: bigint): void {
    const remaining = withId(this.chunks.get(chunkOf(id)), id, false);
    if (chunkEmpty(remaining)) {
      this.chunks.remove(chunkOf(id));
    } else {
      this.chunks.insert(chunkOf(id), remaining);
    }
  }

  /** Ids after `prev`, ascending, at most `take`; no id is larger than `maxId`. */
  page(prev: bigint | undefined, take: number, maxId: bigint): bigint[] {
    return collectIds(chunkRange(prev, chunkOf(maxId)), (chunk) => this.chunks.get(chunk), prev, take);
  }
}
