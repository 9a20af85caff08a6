import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, truncateSync, unlinkSync } from 'node:fs';
import type { Logger } from '../infra/logger.js';
import { readCheckpoint, writeCheckpoint, type HighWater } from './checkpoint.js';
import { frameRecord, readRecords } from './framing.js';
import { decodeRecord, encodeDone, encodeEntry, type Outcome } from './records.js';
import { Segment } from './segment.js';

export type FsyncPolicy = 'always' | 'interval' | 'never';

export interface SpoolOptions {
  dir: string;
  maxBytes: number;
  segmentBytes: number;
  fsync: FsyncPolicy;
  fsyncIntervalMs: number;
  logger: Logger;
}

/** An accepted batch telemetry has not answered for yet. */
export interface PendingEntry {
  id: bigint;
  deviceId: string;
  sequence: bigint;
  frame: Uint8Array;
  receivedAtMs: number;
}

interface TrackedEntry extends PendingEntry {
  segment: Segment;
  /** Written (and synced, per policy): only such entries are relayed, so a `done` never precedes its entry. */
  durable: boolean;
}

interface QueuedWrite {
  segment: Segment;
  record: Buffer;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** SHA-256 of a frame, hex: how an exact retransmission of the newest accepted batch is recognised. */
export const frameDigest = (frame: Uint8Array): string => createHash('sha256').update(frame).digest('hex');

/**
 * The durable spool: an append-only log of accepted batches in CRC-framed segment files. A batch is appended
 * (and, with fsync=always, synced) before its device is acknowledged; telemetry's answers are appended as `done`
 * records; segments whose entries are all done are deleted oldest first. Writes queued while one is in flight go
 * out together in one write and one fsync (group commit).
 */
export class Spool {
  private readonly entries = new Map<bigint, TrackedEntry>();
  private readonly segments: Segment[] = [];
  private readonly queue: QueuedWrite[] = [];
  private readonly retiring: Segment[] = [];
  private flushing: Promise<void> | undefined;
  private syncTimer: NodeJS.Timeout | undefined;
  private bytes = 0;

  private constructor(
    private readonly options: SpoolOptions,
    private readonly highWater: Map<string, HighWater>,
    private nextId: bigint,
  ) {}

  /** Opens the spool in `options.dir`, replaying its segments (cutting off a torn tail). */
  static open(options: SpoolOptions): Spool {
    mkdirSync(options.dir, { recursive: true });
    const checkpoint = readCheckpoint(options.dir);
    const spool = new Spool(options, checkpoint.devices, checkpoint.nextId);
    spool.replay();
    if (options.fsync === 'interval') {
      spool.syncTimer = setInterval(() => void spool.active.sync().catch((error) => options.logger.error('spool fsync failed', { error })), options.fsyncIntervalMs);
      spool.syncTimer.unref();
    }
    spool.compact();
    return spool;
  }

  get pendingBatches(): number {
    return this.entries.size;
  }

  get pendingBytes(): number {
    return this.bytes;
  }

  /** Whether a frame of `size` bytes fits under the spool's limit. */
  hasRoomFor(size: number): boolean {
    return this.bytes + size <= this.options.maxBytes;
  }

  /** The newest batch accepted from `deviceId`, if any. */
  highWaterOf(deviceId: string): HighWater | undefined {
    return this.highWater.get(deviceId);
  }

  /**
   * Appends an accepted batch. Its device's high water moves at once (so a concurrent copy is refused); the
   * promise resolves when the record is as durable as the fsync policy makes it.
   */
  append(batch: { deviceId: string; sequence: bigint; frame: Uint8Array; digest: string }): Promise<bigint> {
    const id = this.nextId++;
    const record = frameRecord(encodeEntry({ id, receivedAtMs: Date.now(), deviceId: batch.deviceId, sequence: batch.sequence, frame: batch.frame }));
    const segment = this.segmentFor(record.length);
    const entry: TrackedEntry = { id, deviceId: batch.deviceId, sequence: batch.sequence, frame: batch.frame, receivedAtMs: Date.now(), segment, durable: false };
    this.entries.set(id, entry);
    segment.undone++;
    this.bytes += batch.frame.length;
    const previous = this.highWater.get(batch.deviceId);
    const mark = { sequence: batch.sequence, digest: batch.digest };
    this.highWater.set(batch.deviceId, mark);
    return this.write(segment, record).then(
      () => {
        entry.durable = true;
        return id;
      },
      (error: unknown) => {
        // Not written: forget the entry, so its device's resend is taken afresh rather than called a duplicate.
        this.entries.delete(id);
        segment.undone--;
        this.bytes -= batch.frame.length;
        if (this.highWater.get(batch.deviceId) === mark) {
          if (previous) this.highWater.set(batch.deviceId, previous);
          else this.highWater.delete(batch.deviceId);
        }
        throw error;
      },
    );
  }

  /** The oldest durable pending entries, at most `maxCount` of them and `maxBytes` of frames (at least one). */
  pending(maxCount: number, maxBytes: number): PendingEntry[] {
    const out: PendingEntry[] = [];
    let bytes = 0;
    for (const entry of this.entries.values()) {
      if (!entry.durable || out.length >= maxCount || (out.length > 0 && bytes + entry.frame.length > maxBytes)) break;
      out.push(entry);
      bytes += entry.frame.length;
    }
    return out;
  }

  /** Records telemetry's answers; the entries leave the spool and fully answered old segments are deleted. */
  async complete(results: Array<{ id: bigint; outcome: Outcome }>): Promise<void> {
    if (results.length === 0) return;
    const record = frameRecord(encodeDone(results));
    await this.write(this.segmentFor(record.length), record);
    for (const { id } of results) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      this.entries.delete(id);
      entry.segment.undone--;
      this.bytes -= entry.frame.length;
    }
    this.compact();
  }

  async close(): Promise<void> {
    if (this.syncTimer) clearInterval(this.syncTimer);
    await this.flushing;
    for (const segment of [...this.segments, ...this.retiring]) await segment.close(this.options.fsync !== 'never');
  }

  private get active(): Segment {
    return this.segments.at(-1)!;
  }

  /** The segment a record of `size` bytes goes to; starts a new one when the active one is full. */
  private segmentFor(size: number): Segment {
    const active = this.segments.at(-1);
    if (active && (active.size === 0 || active.size + size <= this.options.segmentBytes)) {
      active.size += size;
      return active;
    }
    if (active) this.retiring.push(active);
    const segment = new Segment(this.options.dir, Segment.nameFor(active ? active.number + 1 : 1), size);
    this.segments.push(segment);
    return segment;
  }

  private write(segment: Segment, record: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ segment, record, resolve, reject });
      this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
    });
  }

  /** Writes everything queued, one write (and fsync) per segment per round, until the queue is empty. */
  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const items = this.queue.splice(0);
      for (let start = 0; start < items.length; ) {
        const segment = items[start]!.segment;
        let end = start;
        while (end < items.length && items[end]!.segment === segment) end++;
        const group = items.slice(start, end);
        try {
          await segment.append(
            group.map((item) => item.record),
            this.options.fsync === 'always',
          );
          group.forEach((item) => item.resolve());
        } catch (error) {
          this.options.logger.error('spool write failed', { segment: segment.name, error });
          group.forEach((item) => item.reject(error));
        }
        start = end;
      }
      for (const segment of this.retiring.splice(0)) await segment.close(this.options.fsync !== 'never');
    }
  }

  private replay(): void {
    const names = readdirSync(this.options.dir).filter(Segment.isSegmentName).sort();
    for (const name of names) {
      const segment = new Segment(this.options.dir, name);
      const bytes = readFileSync(segment.path);
      const { records, validLength } = readRecords(bytes);
      if (validLength < bytes.length) {
        this.options.logger.warn('cut off a torn spool tail', { segment: name, keptBytes: validLength, cutBytes: bytes.length - validLength });
        truncateSync(segment.path, validLength);
      }
      segment.size = validLength;
      this.segments.push(segment);
      for (const payload of records) this.replayRecord(segment, payload);
    }
    if (this.segments.length === 0) this.segments.push(new Segment(this.options.dir, Segment.nameFor(1)));
  }

  private replayRecord(segment: Segment, payload: Buffer): void {
    const record = decodeRecord(payload);
    if (record.kind === 'entry') {
      this.entries.set(record.id, { ...record, segment, durable: true });
      segment.undone++;
      this.bytes += record.frame.length;
      if (record.id >= this.nextId) this.nextId = record.id + 1n;
      const mark = this.highWater.get(record.deviceId);
      if (!mark || record.sequence >= mark.sequence) this.highWater.set(record.deviceId, { sequence: record.sequence, digest: frameDigest(record.frame) });
      return;
    }
    for (const { id } of record.results) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      this.entries.delete(id);
      entry.segment.undone--;
      this.bytes -= entry.frame.length;
    }
  }

  /**
   * Deletes the oldest segments whose entries are all done, never the active one. Oldest first, because a
   * segment's `done` records may answer for entries of older segments. The checkpoint is written first, so the
   * high waters those entries set outlive them.
   */
  private compact(): void {
    let checkpointed = false;
    while (this.segments.length > 1 && this.segments[0]!.undone === 0) {
      if (!checkpointed) {
        writeCheckpoint(this.options.dir, { nextId: this.nextId, devices: this.highWater });
        checkpointed = true;
      }
      const segment = this.segments.shift()!;
      if (!this.retiring.includes(segment)) {
        void segment.close(false);
        unlinkSync(segment.path);
      } else {
        // Still being closed by the writer: delete once it is.
        void this.flushing?.then(() => unlinkSync(segment.path));
      }
    }
  }
}
