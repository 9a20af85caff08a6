import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** One append-only file of the spool; numbered in creation order, so names sort in write order. */
export class Segment {
  /** Entries in this segment that telemetry has not answered for yet. */
  undone = 0;
  /** Bytes written or queued for writing. */
  size: number;
  dirty = false;
  private handle: Promise<FileHandle> | undefined;

  constructor(
    readonly dir: string,
    readonly name: string,
    size = 0,
  ) {
    this.size = size;
  }

  static nameFor(number: number): string {
    return `segment-${number.toString().padStart(12, '0')}.log`;
  }

  get number(): number {
    return Number(this.name.slice(8, 20));
  }

  static isSegmentName(name: string): boolean {
    return /^segment-\d{12}\.log$/.test(name);
  }

  get path(): string {
    return join(this.dir, this.name);
  }

  /** Appends records in one write; with `sync`, returns once they are on stable storage. */
  async append(records: Buffer[], sync: boolean): Promise<void> {
    this.handle ??= open(this.path, 'a');
    const handle = await this.handle.catch((error: unknown) => {
      this.handle = undefined; // try opening again next time: the cause may pass (a full disk)
      throw error;
    });
    const total = records.reduce((sum, record) => sum + record.length, 0);
    const { bytesWritten } = await handle.writev(records);
    if (bytesWritten !== total) throw new Error(`short write to ${this.name}: ${bytesWritten} of ${total} bytes (disk full?)`);
    if (sync) await handle.datasync();
    else this.dirty = true;
  }

  async sync(): Promise<void> {
    if (!this.dirty || !this.handle) return;
    this.dirty = false;
    await (await this.handle).datasync();
  }

  async close(sync: boolean): Promise<void> {
    if (!this.handle) return;
    const handle = await this.handle;
    this.handle = undefined;
    if (sync && this.dirty) await handle.datasync();
    await handle.close();
  }
}
