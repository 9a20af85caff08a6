/** A full spool is never silent: the first spool_full refusal is logged with what the relay is waiting on. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@chargex/bridge';

import { SpoolPressureLog } from '../../bridge/src/features/spool-pressure-log.js';
import { EventBus } from '../../bridge/src/infra/event-bus.js';
import type { Relayer } from '../../bridge/src/relay/relayer.js';
import { Spool } from '../../bridge/src/spool/spool.js';

describe('spool pressure log', () => {
  it('warns once per five seconds while batches are refused for a full spool, naming what the relay waits on', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', (line) => lines.push(line));
    const spool = Spool.open({ dir: mkdtempSync(join(tmpdir(), 'pressure-')), maxBytes: 1024, segmentBytes: 4096, fsync: 'never', fsyncIntervalMs: 100, logger });
    const bus = new EventBus(logger);
    const relayer = { failures: 3, lastError: 'connect ECONNREFUSED 127.0.0.1:4943' } as Relayer;
    const feature = new SpoolPressureLog(bus, spool, relayer, logger);
    await feature.start();
    bus.emit('batchRefused', { transport: 'http', reason: 'spool_full', deviceId: 'd-1' });
    bus.emit('batchRefused', { transport: 'mqtt', reason: 'spool_full', deviceId: 'd-2' });
    bus.emit('batchRefused', { transport: 'http', reason: 'bad_signature', deviceId: 'd-3' });
    await feature.stop();
    await spool.close();

    const warnings = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.msg === 'spool full: refusing batches until the relay catches up');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 'warn', refused: 1, waitingOn: 'telemetry: 3 failed calls in a row, the latest: connect ECONNREFUSED 127.0.0.1:4943' });
  });
});
