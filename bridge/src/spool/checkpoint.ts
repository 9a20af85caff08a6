import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The newest batch accepted from a device: its sequence and the SHA-256 of its frame. */
export interface HighWater {
  sequence: bigint;
  digest: string;
}

/**
 * What the spool must remember after it deletes segments: the next entry id and each device's high water, so a
 * replayed old batch is still refused after its segment is gone. Replaced atomically (write, fsync, rename).
 */
export interface Checkpoint {
  nextId: bigint;
  devices: Map<string, HighWater>;
}

const FILE = 'checkpoint.json';

export function readCheckpoint(dir: string): Checkpoint {
  const path = join(dir, FILE);
  if (!existsSync(path)) return { nextId: 1n, devices: new Map() };
  const json = JSON.parse(readFileSync(path, 'utf8')) as { nextId: string; devices: Record<string, { sequence: string; digest: string }> };
  return {
    nextId: BigInt(json.nextId),
    devices: new Map(Object.entries(json.devices).map(([id, mark]) => [id, { sequence: BigInt(mark.sequence), digest: mark.digest }])),
  };
}

export function writeCheckpoint(dir: string, checkpoint: Checkpoint): void {
  const devices = Object.fromEntries([...checkpoint.devices].map(([id, mark]) => [id, { sequence: mark.sequence.toString(), digest: mark.digest }]));
  const temporary = join(dir, `${FILE}.tmp`);
  writeFileSync(temporary, JSON.stringify({ nextId: checkpoint.nextId.toString(), devices }));
  const fd = openSync(temporary, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temporary, join(dir, FILE));
  const dirFd = openSync(dir, 'r');
  fsyncSync(dirFd);
  closeSync(dirFd);
}
