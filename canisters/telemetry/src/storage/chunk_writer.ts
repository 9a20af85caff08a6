import { BatteryProgress } from './battery_progress';
import { ChunkBuilder } from './chunk_codec';
import { ChunkKey, ChunkStore, WINDOW_MS, windowOf } from './chunk_store';
import { Reading } from './reading';

/**
 * Size at which a chunk part is closed and the window continues in the next part. An append rewrites the open
 * part, and the stable B-tree rewrites the whole node holding it (up to 11 entries), so small parts write less
 * per ingest while every part adds a key and a header. Measured by bench/telemetry.ts (20 packs, 6 readings a
 * batch): 2 KiB parts wrote 3.2 KB of stable memory per reading, 512 B parts 1.7 KB, 256 B parts 1.6 KB but
 * stored 37 instead of 24 bytes a reading.
 */
export const PART_MAX_BYTES = 512;

/** Where a reading went: its chunk part and position in it. */
export interface ChunkPosition {
  window: number;
  part: number;
  position: number;
}

interface OpenPart {
  key: ChunkKey;
  builder: ChunkBuilder;
  storedBytes: number;
}

/**
 * Collects the appends of one ingest call and writes each touched chunk part once at the end, however many
 * batches of the call went to it.
 */
export class ChunkWriter {
  private readonly open = new Map<string, OpenPart>();
  private readonly closed: OpenPart[] = [];

  constructor(private readonly store: ChunkStore) {}

  /** Appends a reading of `battery` (whose open-part pointer is moved along). */
  append(battery: number, progress: BatteryProgress, reading: Reading): ChunkPosition {
    const window = windowOf(reading.timestampMs);
    const slot = `${battery}:${window}`;
    let part = this.open.get(slot) ?? this.load(battery, window, progress);
    if (part.builder.byteSize >= PART_MAX_BYTES) {
      this.closed.push(part);
      const key: ChunkKey = [window, battery, part.key[2] + 1];
      part = { key, builder: ChunkBuilder.open(undefined, window * WINDOW_MS), storedBytes: 0 };
    }
    this.open.set(slot, part);
    if (window >= progress.openWindow) {
      progress.openWindow = window;
      progress.openPart = part.key[2];
    }
    return { window, part: part.key[2], position: part.builder.append(reading) };
  }

  /** Writes every touched part; returns the growth of the stored chunk bytes and the number of new parts. */
  flush(): { bytesAdded: number; partsAdded: number } {
    let bytesAdded = 0;
    let partsAdded = 0;
    for (const part of [...this.closed, ...this.open.values()]) {
      const bytes = part.builder.encode();
      this.store.put(part.key, bytes);
      bytesAdded += bytes.length - part.storedBytes;
      partsAdded += part.storedBytes === 0 ? 1 : 0;
    }
    this.open.clear();
    this.closed.length = 0;
    return { bytesAdded, partsAdded };
  }

  private load(battery: number, window: number, progress: BatteryProgress): OpenPart {
    const partNumber = progress.openWindow === window ? progress.openPart : (this.store.lastPart(window, battery) ?? 0);
    const key: ChunkKey = [window, battery, partNumber];
    const stored = this.store.get(key);
    return { key, builder: ChunkBuilder.open(stored, window * WINDOW_MS), storedBytes: stored?.length ?? 0 };
  }
}
