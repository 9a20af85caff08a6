import { CHUNK_BYTES } from './stable-memory.js';
import type { WriteMap } from './write-map.js';

/** Comparing in large blocks first keeps the common case (few changed chunks) to one native memcmp per block. */
const BLOCK_BYTES = 64 * 1024;

/**
 * Tracks which 4 KiB chunks of a wasm linear memory changed during one message execution, against a shadow
 * copy of the last committed state (which is also what a trap is rolled back to). With a write map (the code
 * is write-marked, see `wasm/write-marks.ts`) only the chunks the execution wrote are compared, so the cost
 * follows what a message writes; without one the whole memory is compared, which follows the heap's size.
 * Either way a chunk counts as changed only if its bytes differ, so both modes report the same chunks.
 */
export class HeapTracker {
  private shadow: Buffer;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly writes?: WriteMap,
  ) {
    this.shadow = Buffer.from(new Uint8Array(memory.buffer));
  }

  /** 'instrumented' when a write map narrows the comparison, 'compare' when the whole memory is compared. */
  get mode(): 'instrumented' | 'compare' {
    return this.writes ? 'instrumented' : 'compare';
  }

  /** Chunk indices that differ from the committed state, ascending. */
  dirtyChunks(): number[] {
    const current = Buffer.from(this.memory.buffer);
    this.growShadowTo(current.length);
    if (this.writes) return this.changedAmong(current, this.writes.take(current.length / CHUNK_BYTES));
    const dirty: number[] = [];
    for (let block = 0; block < current.length; block += BLOCK_BYTES) {
      const end = Math.min(block + BLOCK_BYTES, current.length);
      if (current.compare(this.shadow, block, end, block, end) === 0) continue;
      for (let chunk = block; chunk < end; chunk += CHUNK_BYTES) {
        const chunkEnd = Math.min(chunk + CHUNK_BYTES, end);
        if (current.compare(this.shadow, chunk, chunkEnd, chunk, chunkEnd) !== 0) dirty.push(chunk / CHUNK_BYTES);
      }
    }
    return dirty;
  }

  /** Whether any of `chunks` lies in the write map's own pages, which canister code must never write. */
  touchesWriteMap(chunks: number[]): boolean {
    const writes = this.writes;
    return writes !== undefined && chunks.some((chunk) => writes.holds(chunk));
  }

  /** Accepts the current content of `chunks` as committed. */
  commit(chunks: number[]): void {
    const current = new Uint8Array(this.memory.buffer);
    for (const index of chunks) {
      const start = index * CHUNK_BYTES;
      this.shadow.set(current.subarray(start, start + CHUNK_BYTES), start);
    }
  }

  /** Puts the committed content of `chunks` back into the live memory. */
  rollback(chunks: number[]): void {
    const current = new Uint8Array(this.memory.buffer);
    for (const index of chunks) {
      const start = index * CHUNK_BYTES;
      current.set(this.shadow.subarray(start, start + CHUNK_BYTES), start);
    }
  }

  /** Replaces live memory and shadow alike with persisted content (zero except for `chunks`). */
  restore(size: number, chunks: Map<number, Uint8Array>): void {
    const current = this.memory.buffer.byteLength;
    if (size > current) this.memory.grow(Math.ceil((size - current) / 65536));
    const live = new Uint8Array(this.memory.buffer);
    live.fill(0);
    for (const [index, bytes] of chunks) live.set(bytes, index * CHUNK_BYTES);
    this.shadow = Buffer.from(live);
  }

  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  private changedAmong(current: Buffer, written: number[]): number[] {
    return written.filter((index) => {
      const start = index * CHUNK_BYTES;
      return current.compare(this.shadow, start, start + CHUNK_BYTES, start, start + CHUNK_BYTES) !== 0;
    });
  }

  private growShadowTo(length: number): void {
    if (this.shadow.length >= length) return;
    const grown = Buffer.alloc(length);
    this.shadow.copy(grown);
    this.shadow = grown;
  }
}
