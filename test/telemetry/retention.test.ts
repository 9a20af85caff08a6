/**
 * Retention on the real wasm with manual time: admins set the policy; the hourly sweep drops raw chunks (and
 * batch records with their deduplication) past the raw retention while rollups stay until their own retention;
 * readings older than the raw retention are refused at ingest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RangeRequest, Resolution, TelemetryPolicy } from '../../packages/client/src/declarations/telemetry/telemetry.did.js';
import { batch, batches, reading, registration, series } from './support/builders';
import { TelemetryNet } from './support/fixture';

type Result<T> = { Ok: T } | { Err: unknown };

function okOf<T>(result: Result<T>): T {
  if (!('Ok' in result)) {
    throw new Error(`expected Ok, got ${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  }
  return result.Ok;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const POLICY: TelemetryPolicy = {
  raw_retention_days: 2,
  minute_retention_days: 3,
  hour_retention_days: 5,
  day_retention_days: 8,
  max_future_drift_ms: 60_000
};

describe('telemetry retention', () => {
  let t: TelemetryNet;
  let firstMs: number;
  const now = () => Number(t.net.now() / 1_000_000n);
  const count = (name: string) => t.count(name);
  const points = async (resolution: Resolution): Promise<number> => {
    const request: RangeRequest = { battery_token_id: 1n, from_ms: BigInt(firstMs - DAY_MS), to_ms: BigInt(firstMs + DAY_MS), resolution, limit: 1_000 };
    const page = okOf(await t.telemetry(t.owner).readings_range(request));
    return 'Raw' in resolution ? page.readings.length : page.rollups.length;
  };

  beforeAll(async () => {
    t = await TelemetryNet.start();
    okOf(await t.telemetry(t.fleetOperator).register_device(registration('keep-1', 1n, t.owner.getPrincipal())));
  });
  afterAll(() => t?.stop());

  describe('policy', () => {
    it('starts from the documented defaults', async () => {
      expect(await t.telemetry(t.stranger).get_policy()).toEqual({
        raw_retention_days: 30,
        minute_retention_days: 90,
        hour_retention_days: 730,
        day_retention_days: 3650,
        max_future_drift_ms: 300_000
      });
    });

    it('is set by admins only', async () => {
      for (const identity of [t.fleetOperator, t.relayer, t.owner]) {
        expect(await t.telemetry(identity).set_policy(POLICY)).toEqual({
          Err: { Unauthorized: { caller: identity.getPrincipal(), required: { Role: { admin: null } } } }
        });
      }
      expect(okOf(await t.telemetry(t.admin).set_policy(POLICY))).toEqual(POLICY);
      expect(await t.telemetry().get_policy()).toEqual(POLICY);
    });

    it('keeps coarser data at least as long as finer data', async () => {
      const admin = t.telemetry(t.admin);
      const invalid = (field: string) => ({ Err: { InvalidArgument: expect.objectContaining({ field }) } });
      expect(await admin.set_policy({ ...POLICY, minute_retention_days: 1 })).toEqual(invalid('minute_retention_days'));
      expect(await admin.set_policy({ ...POLICY, day_retention_days: 4 })).toEqual(invalid('day_retention_days'));
      expect(await admin.set_policy({ ...POLICY, raw_retention_days: 0 })).toEqual(invalid('raw_retention_days'));
      expect(await admin.set_policy({ ...POLICY, max_future_drift_ms: 3_600_001 })).toEqual(invalid('max_future_drift_ms'));
      expect(await admin.get_policy()).toEqual(POLICY);
    });
  });

  describe('sweeps', () => {
    it('refuses readings older than the raw retention and further ahead than the drift', async () => {
      const [outcome] = okOf(
        await t.telemetry(t.relayer).ingest([batch('keep-1', 1, [reading(now() - 2 * DAY_MS - 1), reading(now() + 60_001), reading(now() - 1_000)], now())])
      );
      expect(outcome).toMatchObject({ Stored: { accepted: 1 } });
      const window = { earliest_ms: BigInt(now() - 2 * DAY_MS), latest_ms: BigInt(now() + 60_000) };
      expect('Stored' in outcome! && outcome.Stored.rejected).toEqual([
        { index: 0, error: { TimestampOutOfWindow: { timestamp_ms: BigInt(now() - 2 * DAY_MS - 1), ...window } } },
        { index: 1, error: { TimestampOutOfWindow: { timestamp_ms: BigInt(now() + 60_001), ...window } } }
      ]);
    });

    it('keeps everything while it is young', async () => {
      firstMs = now() - 2 * HOUR_MS;
      okOf(await t.telemetry(t.relayer).ingest(batches('keep-1', 10, series(firstMs, 180))));
      await t.net.advanceTime(DAY_MS);
      expect(await points({ Raw: null })).toBe(181);
      expect(await points({ Minute: null })).toBe(31);
      expect(await count('chunks_dropped')).toBe(0n);
      expect(await count('retention_sweeps')).toBeGreaterThan(0n);
    });

    it('drops raw chunks and batch records past the raw retention, keeping rollups', async () => {
      const before = { chunks: await count('chunks'), bytes: await count('chunk_bytes') };
      expect(before.chunks).toBeGreaterThan(0n);
      await t.net.advanceTime(DAY_MS + 2 * HOUR_MS);
      expect(await points({ Raw: null })).toBe(0);
      expect(await count('chunks')).toBe(0n);
      expect(await count('chunks_dropped')).toBe(before.chunks);
      expect(await count('chunk_bytes')).toBe(0n);
      expect(await count('batches')).toBe(0n);
      expect(await points({ Minute: null })).toBe(31);
      expect(await points({ Hour: null })).toBe(2);
      expect(await points({ Day: null })).toBe(1);
      expect(await t.telemetry(t.fleetOperator).reading_proof(2n, 0)).toMatchObject({ Err: { NotFound: { kind: 'batch' } } });
      expect(okOf(await t.telemetry(t.owner).latest_reading(1n)).reading.timestamp_ms).toBeGreaterThan(0n);
    });

    it('drops each rollup resolution at its own retention', async () => {
      await t.net.advanceTime(DAY_MS);
      expect([await points({ Minute: null }), await points({ Hour: null }), await points({ Day: null })]).toEqual([0, 2, 1]);
      await t.net.advanceTime(2 * DAY_MS);
      expect([await points({ Hour: null }), await points({ Day: null })]).toEqual([0, 1]);
      await t.net.advanceTime(3 * DAY_MS);
      expect(await points({ Day: null })).toBe(0);
      expect(await count('rollups_dropped')).toBe(31n + 2n + 1n);
    });

    it('continues in further runs when one run cannot remove everything', async () => {
      okOf(await t.telemetry(t.admin).set_policy({ ...POLICY, raw_retention_days: 1, minute_retention_days: 1 }));
      const start = now() - 12 * HOUR_MS;
      // 12 hours of readings every 60 s: 720 minute buckets, more than one run removes (300 per store).
      const readings = series(start, 720, 60_000);
      await t.ingestAll(batches('keep-1', 1_000, readings));
      const minutes = await t.telemetry().status();
      expect(minutes.counts.find(([key]) => key === 'rollups_minute')?.[1]).toBe(720n);
      await t.net.advanceTime(2 * DAY_MS);
      const status = await t.telemetry().status();
      const counts = Object.fromEntries(status.counts);
      expect([counts.rollups_minute, counts.chunks, counts.batches]).toEqual([0n, 0n, 0n]);
    });
  });
});
