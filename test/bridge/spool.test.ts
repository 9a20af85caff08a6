/** The durable spool: what survives a reopen, torn tails, done records, segment deletion, and the size limit. */
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@chargex/bridge';
import { frameDigest, Spool, type FsyncPolicy } from '../../bridge/src/spool/spool.js';

const quiet = createLogger('error', () => {});

function open(dir: string, options: { segmentBytes?: number; maxBytes?: number; fsync?: FsyncPolicy } = {}): Spool {
  return Spool.open({ dir, maxBytes: options.maxBytes ?? 1 << 20, segmentBytes: options.segmentBytes ?? 1 << 20, fsync: options.fsync ?? 'always', fsyncIntervalMs: 10, logger: quiet });
}

const frame = (device: string, sequence: number, size = 100) => ({
  deviceId: device,
  sequence: BigInt(sequence),
  frame: new Uint8Array(size).fill(sequence % 256),
  digest: frameDigest(new Uint8Array(size).fill(sequence % 256)),
});

describe('spool', () => {
  it('keeps appended entries across a reopen, in order, with their device high water', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const spool = open(dir);
    const ids = await Promise.all([frame('a', 1), frame('b', 7), frame('a', 2)].map((entry) => spool.append(entry)));
    expect(ids).toEqual([1n, 2n, 3n]);
    await spool.close();

    const reopened = open(dir);
    expect(reopened.pending(10, 1e6).map((entry) => [entry.deviceId, entry.sequence])).toEqual([['a', 1n], ['b', 7n], ['a', 2n]]);
    expect(reopened.highWaterOf('a')).toEqual({ sequence: 2n, digest: frame('a', 2).digest });
    expect(reopened.pendingBytes).toBe(300);
    expect(await reopened.append(frame('c', 1))).toBe(4n);
    await reopened.close();
  });

  it('forgets entries telemetry answered for, after a reopen too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const spool = open(dir);
    for (let i = 1; i <= 4; i++) await spool.append(frame('a', i));
    await spool.complete([{ id: 1n, outcome: 'stored' }, { id: 2n, outcome: 'duplicate' }, { id: 3n, outcome: 'refused' }]);
    expect(spool.pending(10, 1e6).map((entry) => entry.id)).toEqual([4n]);
    await spool.close();
    const reopened = open(dir);
    expect(reopened.pending(10, 1e6).map((entry) => entry.id)).toEqual([4n]);
    expect(reopened.pendingBatches).toBe(1);
    await reopened.close();
  });

  it('cuts off a torn tail (a record half written when the process died) and keeps what came before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const spool = open(dir);
    await spool.append(frame('a', 1));
    await spool.append(frame('a', 2));
    await spool.close();
    const [segment] = readdirSync(dir).filter((name) => name.startsWith('segment-'));
    const path = join(dir, segment!);
    truncateSync(path, statSync(path).size - 10);
    appendFileSync(path, Buffer.from('garbage'));

    const reopened = open(dir);
    expect(reopened.pending(10, 1e6).map((entry) => entry.sequence)).toEqual([1n]);
    expect(reopened.highWaterOf('a')?.sequence).toBe(1n);
    await reopened.append(frame('a', 2));
    await reopened.close();
    expect(open(dir).pending(10, 1e6).map((entry) => entry.sequence)).toEqual([1n, 2n]);
  });

  it('deletes fully answered segments oldest first, keeping high waters in the checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const spool = open(dir, { segmentBytes: 600 });
    const ids: bigint[] = [];
    for (let i = 1; i <= 12; i++) ids.push(await spool.append(frame(`d${i % 3}`, i)));
    const segments = () => readdirSync(dir).filter((name) => name.startsWith('segment-')).length;
    expect(segments()).toBeGreaterThan(2);
    await spool.complete(ids.map((id) => ({ id, outcome: 'stored' as const })));
    expect(segments()).toBe(1);
    await spool.close();

    const reopened = open(dir, { segmentBytes: 600 });
    expect(reopened.pendingBatches).toBe(0);
    expect(reopened.highWaterOf('d0')?.sequence).toBe(12n);
    expect(reopened.highWaterOf('d1')?.sequence).toBe(10n);
    expect(await reopened.append(frame('x', 1))).toBe(13n);
    await reopened.close();
  });

  it('hands out pending entries by count and bytes, always at least one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const spool = open(dir);
    for (let i = 1; i <= 5; i++) await spool.append(frame('a', i, 100 * i));
    expect(spool.pending(2, 1e6)).toHaveLength(2);
    expect(spool.pending(10, 350).map((entry) => entry.sequence)).toEqual([1n, 2n]);
    expect(spool.pending(10, 1)).toHaveLength(1);
    await spool.close();
  });

  it('reports when a frame would pass the size limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const spool = open(dir, { maxBytes: 250 });
    expect(spool.hasRoomFor(250)).toBe(true);
    await spool.append(frame('a', 1));
    await spool.append(frame('a', 2));
    expect(spool.hasRoomFor(50)).toBe(true);
    expect(spool.hasRoomFor(51)).toBe(false);
    await spool.close();
  });

  it('takes back an append it could not write, so the device can send the batch again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const spool = open(dir);
    await spool.append(frame('a', 1));
    await spool.complete([{ id: 1n, outcome: 'stored' }]);
    await spool.close();
    const reopened = open(dir);
    // The next write goes to the reopened segment file; make it impossible to open.
    const [segment] = readdirSync(dir).filter((name) => name.startsWith('segment-'));
    rmSync(join(dir, segment!));
    mkdirSync(join(dir, segment!));
    await expect(reopened.append(frame('a', 2))).rejects.toThrow(/EISDIR/);
    expect(reopened.pendingBatches).toBe(0);
    expect(reopened.pendingBytes).toBe(0);
    expect(reopened.highWaterOf('a')?.sequence).toBe(1n);
    rmSync(join(dir, segment!), { recursive: true });
    expect(await reopened.append(frame('a', 2))).toBe(3n);
    await reopened.close();
  });

  for (const fsync of ['interval', 'never'] as const) {
    it(`writes with fsync=${fsync} too`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'spool-'));
      const spool = open(dir, { fsync });
      await Promise.all(Array.from({ length: 50 }, (_, i) => spool.append(frame('a', i + 1))));
      await spool.close();
      expect(open(dir).pendingBatches).toBe(50);
    });
  }
});
