import { CHUNK_SHIFT, WRITE_MAP_BYTES, WRITE_MAP_PAGES } from '../wasm/write-marks.js';

/**
 * The host's side of the write map that write-marked canister code fills: one byte per 4 KiB chunk of linear
 * memory, set to 1 when the chunk is written. It lives inside the canister's own linear memory (Node 20 has no
 * multi-memory), in pages grown before any canister code runs. Rust's and wasi-libc's allocators take memory
 * only from memory.grow (and wasi-libc's from its initial heap up to `__heap_end`), never pages someone else
 * grew, so the canister never addresses these pages; `holds` lets the caller check that it did not.
 */
export class WriteMap {
  private constructor(
    private readonly memory: WebAssembly.Memory,
    /** Byte offset of the map in linear memory. */
    readonly offset: number,
  ) {}

  /** Grows the map's pages at `offset`, which must be the current end of memory (instantiation just done). */
  static reserve(memory: WebAssembly.Memory, offset: number): WriteMap {
    if (memory.buffer.byteLength !== offset) {
      throw new Error(`write map expected at the end of memory (${offset}), memory is ${memory.buffer.byteLength} bytes`);
    }
    memory.grow(WRITE_MAP_PAGES);
    return new WriteMap(memory, offset);
  }

  /** Uses a map whose pages already exist (a heap restored from state written with this map). */
  static existing(memory: WebAssembly.Memory, offset: number): WriteMap {
    return new WriteMap(memory, offset);
  }

  /** Marks the chunks of a write the host made into canister memory (ic0 copies). */
  mark(address: number, size: number): void {
    if (size === 0) return;
    const map = this.view(WRITE_MAP_BYTES);
    map.fill(1, address >>> CHUNK_SHIFT, ((address + size - 1) >>> CHUNK_SHIFT) + 1);
  }

  /** Returns the marked chunks below `chunkCount` in ascending order and clears their marks. */
  take(chunkCount: number): number[] {
    // Marks come only from writes that succeeded, so none lie at or past the end of memory.
    const map = this.view(chunkCount);
    const marked: number[] = [];
    for (let index = map.indexOf(1); index !== -1; index = map.indexOf(1, index + 1)) {
      marked.push(index);
      map[index] = 0;
    }
    return marked;
  }

  /** Whether a chunk belongs to the map's own pages. */
  holds(chunk: number): boolean {
    const first = this.offset >>> CHUNK_SHIFT;
    return chunk >= first && chunk < first + (WRITE_MAP_BYTES >>> CHUNK_SHIFT);
  }

  private view(length: number): Buffer {
    return Buffer.from(this.memory.buffer, this.offset, length);
  }
}
