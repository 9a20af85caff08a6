import { OrderedKey, rawCodec } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { TELEMETRY_MEMORY } from '../memory';
import { decodeChunk } from './chunk_codec';
import { Reading } from './reading';

/** Length of a chunk's time window: one hour of one battery. */
export const WINDOW_MS = 3_600_000;

/** The window (hours since the epoch) holding a device timestamp. */
export function windowOf(timestampMs: number): number {
  return Math.floor(timestampMs / WINDOW_MS);
}

/** Where a chunk lives: window first, so the oldest chunks lead the map and retention reads them from the front. */
export type ChunkKey = [window: number, battery: number, part: number];

/**
 * The packed chunks. A window whose chunk outgrows PART_MAX_BYTES continues in part 1, 2, ...: an append rewrites
 * at most one part, which bounds the bytes written per ingest however often a battery reports.
 */
export class ChunkStore {
  private readonly chunks = new StableBTreeMap<ChunkKey, Uint8Array>(
    TELEMETRY_MEMORY.chunks,
    OrderedKey.tuple(OrderedKey.u32, OrderedKey.u32, OrderedKey.u16),
    rawCodec
  );

  /** The packed bytes of one part. */
  get(key: ChunkKey): Uint8Array | undefined {
    return this.chunks.get(key);
  }

  /** Stores one part. */
  put(key: ChunkKey, bytes: Uint8Array): void {
    this.chunks.insert(key, bytes);
  }

  /**
   * The oldest window any battery has data in (keys are ordered by window first), so a range scan can start
   * there instead of at a `from` far before anything was stored.
   */
  firstWindow(): number | undefined {
    const [first] = this.chunks.keys(0, 1);
    return first?.[0];
  }

  /** The highest part stored for a battery's window, or undefined if the window has none. */
  lastPart(window: number, battery: number): number | undefined {
    let part = 0;
    while (this.chunks.containsKey([window, battery, part])) {
      part++;
    }
    return part === 0 ? undefined : part - 1;
  }

  /** Every reading of a battery's window, parts in order. */
  readWindow(window: number, battery: number): Reading[] {
    const readings: Reading[] = [];
    for (let part = 0; ; part++) {
      const bytes = this.chunks.get([window, battery, part]);
      if (bytes === undefined) {
        return readings;
      }
      readings.push(...decodeChunk(bytes, window * WINDOW_MS));
    }
  }

  /** The readings of one part. */
  readPart(key: ChunkKey): Reading[] | undefined {
    const bytes = this.chunks.get(key);
    return bytes === undefined ? undefined : decodeChunk(bytes, key[0] * WINDOW_MS);
  }

  /** Removes up to `budget` parts of windows before `cutoffWindow`, oldest first; reports what it freed. */
  removeBefore(cutoffWindow: number, budget: number): { removed: number; bytes: number; more: boolean } {
    let removed = 0;
    let bytes = 0;
    for (;;) {
      const [oldest] = this.chunks.keys(0, 1);
      if (oldest === undefined || oldest[0] >= cutoffWindow) {
        return { removed, bytes, more: false };
      }
      if (removed === budget) {
        return { removed, bytes, more: true };
      }
      bytes += this.chunks.remove(oldest)?.length ?? 0;
      removed++;
    }
  }

  /** Number of stored parts. */
  count(): number {
    return this.chunks.len();
  }
}
