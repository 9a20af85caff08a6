/**
 * The relay and the event bus with a scripted telemetry: failed calls are retried whole with growing waits, the
 * answers go to the spool, and one failing listener cannot break the others.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, signFrame, type Batch, type IngestOutcome, type TelemetryClient } from '@chargex/bridge';
import { EventBus } from '../../bridge/src/infra/event-bus.js';
import { retryDelayMs } from '../../bridge/src/relay/backoff.js';
import { Relayer } from '../../bridge/src/relay/relayer.js';
import { TelemetryCallError } from '../../bridge/src/relay/telemetry-client.js';
import { frameDigest, Spool } from '../../bridge/src/spool/spool.js';

const quiet = createLogger('error', () => {});
const key = { algorithm: 'ed25519' as const, secret: new Uint8Array(32).fill(9) };

function batch(sequence: number): Batch {
  return { deviceId: 'dev', sequence: BigInt(sequence), sentAtMs: Date.now(), readings: [{ timestampMs: Date.now(), cellsMv: [3300], currentCa: 0, temperaturesDc: [200], socPermille: 500 }] };
}

describe('relay', () => {
  it('doubles its waits up to the cap, with jitter in the upper half', () => {
    expect([1, 2, 3, 4, 10].map((attempt) => retryDelayMs(attempt, 100, 1_000, () => 1))).toEqual([100, 200, 400, 800, 1_000]);
    expect(retryDelayMs(3, 100, 1_000, () => 0)).toBe(200);
  });

  it('retries a failed call unchanged until telemetry answers, then empties the spool', async () => {
    const spool = Spool.open({ dir: mkdtempSync(join(tmpdir(), 'relay-')), maxBytes: 1 << 20, segmentBytes: 1 << 20, fsync: 'never', fsyncIntervalMs: 10, logger: quiet });
    const calls: bigint[][] = [];
    let failures = 2;
    const telemetry: TelemetryClient = {
      deviceKeysSince: async () => ({ entries: [], nextVersion: 0n, headVersion: 0n }),
      ingestLimits: async () => ({ maxBatchesPerCall: 32, maxReadingsPerCall: 512 }),
      ingest: async (batches): Promise<IngestOutcome[]> => {
        calls.push(batches.map((b) => b.sequence));
        if (failures-- > 0) throw new TelemetryCallError('replica unreachable');
        return batches.map((b) => (b.sequence === 2n ? { kind: 'stored', duplicate: true, accepted: 1, rejected: 0 } : { kind: 'stored', duplicate: false, accepted: 1, rejected: 0 }));
      },
    };
    const bus = new EventBus(quiet);
    const events: string[] = [];
    bus.on('relayCallFailed', events, ({ attempt }) => events.push(`failed ${attempt}`));
    bus.on('relayCallSucceeded', events, ({ stored, duplicates }) => events.push(`ok ${stored}+${duplicates}`));
    for (const sequence of [1, 2, 3]) {
      const frame = signFrame(key, batch(sequence));
      await spool.append({ deviceId: 'dev', sequence: BigInt(sequence), frame, digest: frameDigest(frame) });
    }
    const relayer = new Relayer(spool, telemetry, bus, quiet, { maxBatchesPerCall: 32, maxCallBytes: 1_000_000, lingerMs: 0, retryInitialMs: 10, retryMaxMs: 40 });
    await relayer.start();
    const deadline = Date.now() + 5_000;
    while (spool.pendingBatches > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await relayer.stop();
    await spool.close();
    expect(calls).toEqual([[1n, 2n, 3n], [1n, 2n, 3n], [1n, 2n, 3n]]);
    expect(events).toEqual(['failed 1', 'failed 2', 'ok 2+1']);
  });

  it("shapes calls by telemetry's limits on batches and readings per call", async () => {
    const spool = Spool.open({ dir: mkdtempSync(join(tmpdir(), 'relay-')), maxBytes: 1 << 20, segmentBytes: 1 << 20, fsync: 'never', fsyncIntervalMs: 10, logger: quiet });
    const calls: number[] = [];
    const telemetry: TelemetryClient = {
      deviceKeysSince: async () => ({ entries: [], nextVersion: 0n, headVersion: 0n }),
      ingestLimits: async () => ({ maxBatchesPerCall: 3, maxReadingsPerCall: 5 }),
      ingest: async (batches) => {
        calls.push(batches.reduce((sum, b) => sum + b.readings.length, 0));
        return batches.map(() => ({ kind: 'stored' as const, duplicate: false, accepted: 1, rejected: 0 }));
      },
    };
    // Readings per batch: 2, 2, 2, 1, 1, 1, 1, 6 (a batch over the limit still goes, alone).
    for (const [i, readings] of [2, 2, 2, 1, 1, 1, 1, 6].entries()) {
      const b = batch(i + 1);
      b.readings = Array.from({ length: readings }, () => b.readings[0]!);
      const frame = signFrame(key, b);
      await spool.append({ deviceId: 'dev', sequence: b.sequence, frame, digest: frameDigest(frame) });
    }
    const relayer = new Relayer(spool, telemetry, new EventBus(quiet), quiet, { maxBatchesPerCall: 32, maxCallBytes: 1_000_000, lingerMs: 0, retryInitialMs: 10, retryMaxMs: 40 });
    await relayer.start();
    const deadline = Date.now() + 5_000;
    while (spool.pendingBatches > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await relayer.stop();
    await spool.close();
    expect(calls).toEqual([4, 4, 2, 6]);
  });

  it('isolates listeners: one that throws is logged, the others still run', () => {
    const lines: string[] = [];
    const bus = new EventBus(createLogger('error', (line) => lines.push(line)));
    const seen: string[] = [];
    const broken = new (class Broken {})();
    const healthy = new (class Healthy {})();
    bus.on('batchRefused', broken, () => {
      throw new Error('boom');
    });
    bus.on('batchRefused', healthy, ({ reason }) => seen.push(reason));
    bus.emit('batchRefused', { transport: 'http', reason: 'malformed' });
    expect(seen).toEqual(['malformed']);
    expect(lines.join('')).toContain('"owner":"Broken"');
    bus.removeListeners(healthy);
    bus.emit('batchRefused', { transport: 'http', reason: 'oversized' });
    expect(seen).toEqual(['malformed']);
  });
});
