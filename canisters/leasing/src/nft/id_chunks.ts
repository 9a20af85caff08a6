/**
 * Sets of token ids kept as bitmaps of 64 consecutive ids (8 bytes per chunk). A page after `prev` reads one map
 * entry per 64 ids instead of one per id, and StableBTreeMap's positional-only iteration is never needed: chunk
 * keys are computed from ids.
 */
export const IDS_PER_CHUNK = 64n;
const CHUNK_BYTES = 8;

/** The chunk holding `id`. */
export function chunkOf(id: bigint): number {
  return Number(id / IDS_PER_CHUNK);
}

/** A bitmap with `id`'s bit set (or cleared), starting from `bits` (or an empty chunk). */
export function withId(bits: Uint8Array | undefined, id: bigint, present: boolean): Uint8Array {
  const out = bits === undefined ? new Uint8Array(CHUNK_BYTES) : bits.slice();
  const bit = Number(id % IDS_PER_CHUNK);
  const mask = 1 << (bit & 7);
  out[bit >> 3] = present ? (out[bit >> 3] as number) | mask : (out[bit >> 3] as number) & ~mask;
  return out;
}

/** Tells whether no id is left in the chunk. */
export function chunkEmpty(bits: Uint8Array): boolean {
  return bits.every((byte) => byte === 0);
}

/** A reader of the chunks of one id set. */
export type ChunkLoader = (chunk: number) => Uint8Array | undefined;

/**
 * Ids greater than `prev` (all ids when undefined), in ascending order, at most `take`, read from `chunks` (ascending
 * chunk numbers, which may include chunks the set does not hold).
 */
export function collectIds(chunks: Iterable<number>, load: ChunkLoader, prev: bigint | undefined, take: number): bigint[] {
  const ids: bigint[] = [];
  if (take <= 0) {
    return ids;
  }
  for (const chunk of chunks) {
    const bits = load(chunk);
    if (bits === undefined) {
      continue;
    }
    const base = BigInt(chunk) * IDS_PER_CHUNK;
    for (let bit = 0; bit < Number(IDS_PER_CHUNK); bit++) {
      if (((bits[bit >> 3] as number) & (1 << (bit & 7))) === 0) {
        continue;
      }
      const id = base + BigInt(bit);
      if (prev !== undefined && id <= prev) {
        continue;
      }
      ids.push(id);
      if (ids.length === take) {
        return ids;
      }
    }
  }
  return ids;
}

/** The chunk numbers from the chunk of the first id after `prev` to `last`, inclusive. */
export function* chunkRange(prev: bigint | undefined, last: number): Generator<number> {
  for (let chunk = prev === undefined ? 0 : chunkOf(prev + 1n); chunk <= last; chunk++) {
    yield chunk;
  }
}
