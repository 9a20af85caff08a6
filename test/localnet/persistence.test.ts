import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Principal } from '@dfinity/principal';
import { LocalNet } from 'localnet';
import { probeIdl, type ProbeService } from '../support/test-canisters.js';

const WRITER = fileURLToPath(new URL('../support/acknowledging-writer.ts', import.meta.url));

/** Runs the writer until it has acknowledged `count` updates, then kills it with SIGKILL; returns the acked keys. */
function writeThenKill(stateDir: string, prefix: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, stateDir, prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4));
      if (acked.length >= count && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited on its own (${signal ?? _code}): ${stderr}`));
    });
  });
}

describe('durability: an acknowledged update survives kill -9 of the replica process', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'localnet-kill-'));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('restores every acknowledged write, twice in a row', async () => {
    const firstRun = await writeThenKill(stateDir, 'first-', 40);
    const secondRun = await writeThenKill(stateDir, 'second-', 40);

    const net = await LocalNet.create({ stateDir });
    try {
      const id = Principal.fromText(readFileSync(join(stateDir, 'probe-id'), 'utf8'));
      const probe = net.createActor<ProbeService>(probeIdl, id);
      for (const key of [...firstRun, ...secondRun]) {
        expect(await probe.get(key), key).toEqual([`value-${key.split('-')[1]}`]);
      }
      const state = await probe.state();
      // Writes may have completed after the last ack was printed, never fewer than were acknowledged.
      expect(Number(state.stable)).toBeGreaterThanOrEqual(firstRun.length + secondRun.length);
      expect(state.init_arg).toBe('persistent');
      // The restored canister keeps working.
      expect(await probe.put('after-restart', 'ok')).toBeGreaterThan(0);
    } finally {
      await net.stop();
    }
  });
});
