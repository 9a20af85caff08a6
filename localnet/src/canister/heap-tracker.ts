import { CHUNK_BYTES } from './stable-memory.js';

/** Comparing in large blocks first keeps the common case (few changed chunks) to one native memcmp per block. */
const BLOCK_BYTES = 64 * 1024;

/**
 * Tracks which 4 KiB chunks of a wasm linear memory changed during one message execution by comparing it with a
 * shadow copy of the last committed state. JavaScript cannot see page faults, so comparison is how a trap is
 * rolled back and how only changed chunks reach the disk.
 */
export class HeapTracker {
  private shadow: Buffer;

  constructor(private readonly memory: WebAssembly.Memory) {
    this.shadow = Buffer.from(new Uint8Array(memory.buffer));
  }

  /** Chunk indices that differ from the committed state. */
  dirtyChunks(): number[] {
    const current = Buffer.from(this.memory.buffer);
    this.growShadowTo(current.length);
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

  private growShadowTo(length: number): void {
    if (this.shadow.length >= length) return;
    const grown = Buffer.alloc(length);
    this.shadow.copy(grown);
    this.shadow = grown;
  }
}
