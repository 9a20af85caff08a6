/** Sizes shared by stable memory and heap tracking. */
export const WASM_PAGE_BYTES = 65536;
/** Granularity of dirty tracking and persistence: small enough that a map insert writes little to disk. */
export const CHUNK_BYTES = 4096;
/** The IC allows up to 500 GiB of stable memory; Azle reserves ~64 MiB up front, mostly never written. */
const MAX_STABLE_PAGES = (500n * 1024n * 1024n * 1024n) / BigInt(WASM_PAGE_BYTES);

/**
 * Sparse stable memory: only 4 KiB chunks that were ever written are kept, so a canister that reserves 72 MiB
 * but writes 200 KiB costs 200 KiB. Writes inside a transaction record the chunk's prior content so a trap can
 * be undone exactly.
 */
export class StableMemory {
  private readonly chunks = new Map<number, Uint8Array>();
  private pages = 0n;
  private undo: Map<number, Uint8Array | undefined> | undefined;
  private pagesAtBegin = 0n;

  /** Size in 64 KiB wasm pages, as `stable64_size` reports it. */
  get sizePages(): bigint {
    return this.pages;
  }

  get storedChunkCount(): number {
    return this.chunks.size;
  }

  grow(additionalPages: bigint): bigint {
    const previous = this.pages;
    if (additionalPages < 0n || previous + additionalPages > MAX_STABLE_PAGES) return -1n;
    this.pages = previous + additionalPages;
    return previous;
  }

  read(offset: bigint, target: Uint8Array): void {
    this.checkBounds(offset, target.length);
    let position = Number(offset);
    let done = 0;
    while (done < target.length) {
      const index = Math.floor(position / CHUNK_BYTES);
      const within = position % CHUNK_BYTES;
      const take = Math.min(CHUNK_BYTES - within, target.length - done);
      const chunk = this.chunks.get(index);
      if (chunk) target.set(chunk.subarray(within, within + take), done);
      else target.fill(0, done, done + take);
      done += take;
      position += take;
    }
  }

  write(offset: bigint, source: Uint8Array): void {
    this.checkBounds(offset, source.length);
    let position = Number(offset);
    let done = 0;
    while (done < source.length) {
      const index = Math.floor(position / CHUNK_BYTES);
      const within = position % CHUNK_BYTES;
      const take = Math.min(CHUNK_BYTES - within, source.length - done);
      const chunk = this.chunkForWrite(index);
      chunk.set(source.subarray(done, done + take), within);
      done += take;
      position += take;
    }
  }

  /** Starts recording undo information for one message execution. */
  begin(): void {
    this.undo = new Map();
    this.pagesAtBegin = this.pages;
  }

  /** Keeps the changes; returns the indices of the chunks that were written. */
  commit(): number[] {
    const dirty = this.undo ? [...this.undo.keys()] : [];
    this.undo = undefined;
    return dirty;
  }

  /** Restores the state as of `begin()`. */
  rollback(): void {
    if (!this.undo) return;
    for (const [index, original] of this.undo) {
      if (original) this.chunks.set(index, original);
      else this.chunks.delete(index);
    }
    this.pages = this.pagesAtBegin;
    this.undo = undefined;
  }

  /** A deep copy, for operations that must be able to put the whole memory back (install_code). */
  clone(): StableMemory {
    const copy = new StableMemory();
    for (const [index, bytes] of this.chunks) copy.chunks.set(index, Uint8Array.from(bytes));
    copy.pages = this.pages;
    return copy;
  }

  chunk(index: number): Uint8Array | undefined {
    return this.chunks.get(index);
  }

  /** Replaces a chunk wholesale (restoring from disk); a chunk of zeros is dropped to stay sparse. */
  restoreChunk(index: number, bytes: Uint8Array): void {
    if (bytes.every((byte) => byte === 0)) this.chunks.delete(index);
    else this.chunks.set(index, Uint8Array.from(bytes));
  }

  restoreSize(pages: bigint): void {
    this.pages = pages;
  }

  entries(): IterableIterator<[number, Uint8Array]> {
    return this.chunks.entries();
  }

  clear(): void {
    this.chunks.clear();
    this.pages = 0n;
    this.undo = undefined;
  }

  private chunkForWrite(index: number): Uint8Array {
    const existing = this.chunks.get(index);
    if (this.undo && !this.undo.has(index)) this.undo.set(index, existing ? Uint8Array.from(existing) : undefined);
    if (existing) return existing;
    const created = new Uint8Array(CHUNK_BYTES);
    this.chunks.set(index, created);
    return created;
  }

  private checkBounds(offset: bigint, length: number): void {
    if (offset < 0n || offset + BigInt(length) > this.pages * BigInt(WASM_PAGE_BYTES)) {
      throw new RangeError(`stable memory access out of bounds: offset ${offset} length ${length}`);
    }
  }
}
