/**
 * Telemetry ingest on the real wasm: only relayers may ingest; replays answer the earlier outcome; every
 * per-reading check refuses just that reading while the rest of the batch is stored; batch-level refusals keep
 * the other batches of the call; size limits.
 */
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BatchOutcome, ReadingError, StoredBatch } from '../../packages/client/src/declarations/telemetry/telemetry.did.js';
import { batch, reading, registration, series } from './support/builders';
import { TelemetryNet } from './support/fixture';
import { fromStored, quantize } from './support/reference';

type Result<T> = { Ok: T } | { Err: unknown };

function okOf<T>(result: Result<T>): T {
  if (!('Ok' in result)) {
    throw new Error(`expected Ok, got ${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  }
  return result.Ok;
}

function stored(outcome: BatchOutcome | undefined): StoredBatch {
  if (outcome === undefined || !('Stored' in outcome)) {
    throw new Error(`expected a stored batch, got ${JSON.stringify(outcome, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  }
  return outcome.Stored;
}

const DAY_MS = 86_400_000;

describe('telemetry ingest', () => {
  let t: TelemetryNet;
  const now = () => Number(t.net.now() / 1_000_000n);

  beforeAll(async () => {
    t = await TelemetryNet.start();
    const fleet = t.telemetry(t.fleetOperator);
    okOf(await fleet.register_device(registration('lfp-1', 1n, t.owner.getPrincipal())));
    okOf(await fleet.register_device(registration('nmc-1', 2n, t.owner.getPrincipal(), { chemistry: { NMC: null } })));
    okOf(await fleet.register_device(registration('lto-1', 3n, t.owner.getPrincipal(), { chemistry: { LTO: null } })));
    okOf(await fleet.register_device(registration('paused-1', 4n, t.owner.getPrincipal())));
    okOf(await fleet.set_device_status('paused-1', { Suspended: null }));
  });
  afterAll(() => t?.stop());

  describe('callers', () => {
    it('refuses everyone but relayers, admins and controllers included', async () => {
      const input = [batch('lfp-1', 1, [reading(now() - 60_000)])];
      const needsRelayer = (caller: Principal) => ({ Err: { Unauthorized: { caller, required: { Role: { relayer: null } } } } });
      for (const identity of [t.admin, t.fleetOperator, t.owner, t.stranger]) {
        expect(await t.telemetry(identity).ingest(input)).toEqual(needsRelayer(identity.getPrincipal()));
      }
      expect(await t.telemetry().ingest(input)).toEqual(needsRelayer(t.net.controller.getPrincipal()));
      const anonymous = Principal.anonymous();
      expect(await t.telemetryAnonymous(anonymous).ingest(input)).toEqual({
        Err: { Unauthorized: { caller: anonymous, required: { Authenticated: null } } }
      });
      expect(await t.count('readings_stored')).toBe(0n);
    });

    it('accepts a relayer, and an empty call', async () => {
      const relayer = t.telemetry(t.relayer);
      expect(okOf(await relayer.ingest([]))).toEqual([]);
      const [outcome] = okOf(await relayer.ingest([batch('lfp-1', 1, series(now() - 60_000, 3))]));
      expect(stored(outcome)).toMatchObject({ accepted: 3, rejected: [], duplicate: false });
      expect(await t.count('readings_stored')).toBe(3n);
      expect(okOf(await t.telemetry(t.owner).get_device('lfp-1')).last_sequence).toEqual([1n]);
    });
  });

  describe('deduplication by (device, sequence)', () => {
    it('answers a replay with the earlier outcome and stores nothing again', async () => {
      const relayer = t.telemetry(t.relayer);
      const original = batch('lfp-1', 2, [reading(now() - 50_000), reading(now() - 40_000, { soc: 140 })]);
      const first = stored(okOf(await relayer.ingest([original]))[0]);
      const before = await t.count('readings_stored');

      const replay = stored(okOf(await relayer.ingest([original]))[0]);
      expect(replay).toEqual({ ...first, duplicate: true });
      const changed = stored(okOf(await relayer.ingest([{ ...original, readings: series(now() - 30_000, 5) }]))[0]);
      expect(changed).toEqual({ ...first, duplicate: true });
      expect(await t.count('readings_stored')).toBe(before);
      expect(await t.count('batches_duplicate')).toBe(2n);
    });

    it('recognises a replay inside the same call, and keeps sequences per device apart', async () => {
      const relayer = t.telemetry(t.relayer);
      const once = batch('lfp-1', 3, [reading(now() - 20_000)]);
      const other = batch('nmc-1', 3, [reading(now() - 20_000)]);
      const [a, b, c] = okOf(await relayer.ingest([once, once, other]));
      expect(stored(a).duplicate).toBe(false);
      expect(stored(b)).toEqual({ ...stored(a), duplicate: true });
      expect(stored(c).duplicate).toBe(false);
      expect(stored(c).batch_number).not.toBe(stored(a).batch_number);
    });

    it('accepts sequences out of order and reports the highest as last_sequence', async () => {
      const relayer = t.telemetry(t.relayer);
      okOf(await relayer.ingest([batch('lfp-1', 10, [reading(now() - 10_000)])]));
      const late = stored(okOf(await relayer.ingest([batch('lfp-1', 5, [reading(now() - 15_000)])]))[0]);
      expect(late).toMatchObject({ accepted: 1, duplicate: false });
      expect(okOf(await t.telemetry(t.fleetOperator).get_device('lfp-1')).last_sequence).toEqual([10n]);
    });
  });

  describe('per-reading checks keep the rest of the batch', () => {
    it('refuses each bad value with its own typed error and stores the good readings', async () => {
      const at = now() - 120_000;
      const good = (i: number) => reading(at + i * 1_000);
      const cases: Array<[ReturnType<typeof reading>, ReadingError]> = [
        [reading(at + 1_000, { cells: [3.3, Number.NaN, 3.3] }), { NotFinite: { field: 'cell_voltages_v[1]' } }],
        [reading(at + 2_000, { current: Number.POSITIVE_INFINITY }), { NotFinite: { field: 'pack_current_a' } }],
        [reading(at + 3_000, { temperatures: [Number.NEGATIVE_INFINITY] }), { NotFinite: { field: 'temperatures_c[0]' } }],
        [reading(at + 4_000, { soc: Number.NaN }), { NotFinite: { field: 'soc_percent' } }],
        [reading(at + 5_000, { cells: [3.3, 3.3, 4.6] }), { OutOfRange: { field: 'cell_voltages_v[2]', value: 4.6, min: 1, max: 4.5 } }],
        [reading(at + 6_000, { cells: [0.4] }), { OutOfRange: { field: 'cell_voltages_v[0]', value: 0.4, min: 1, max: 4.5 } }],
        [reading(at + 7_000, { temperatures: [25, 130] }), { OutOfRange: { field: 'temperatures_c[1]', value: 130, min: -40, max: 125 } }],
        [reading(at + 8_000, { soc: 100.5 }), { OutOfRange: { field: 'soc_percent', value: 100.5, min: 0, max: 100 } }],
        [reading(at + 9_000, { soc: -0.1 }), { OutOfRange: { field: 'soc_percent', value: -0.1, min: 0, max: 100 } }],
        [reading(at + 10_000, { current: -2500 }), { OutOfRange: { field: 'pack_current_a', value: -2500, min: -2000, max: 2000 } }],
        [reading(at + 11_000, { gps: { latitude: 91, longitude: 8 } }), { OutOfRange: { field: 'gps.latitude', value: 91, min: -90, max: 90 } }],
        [reading(at + 12_000, { cells: [] }), { BadShape: { field: 'cell_voltages_v', reason: 'must hold 1 to 32 values, has 0' } }],
        [reading(at + 13_000, { cells: Array(33).fill(3.3) }), { BadShape: { field: 'cell_voltages_v', reason: 'must hold 1 to 32 values, has 33' } }],
        [reading(at + 14_000, { temperatures: [] }), { BadShape: { field: 'temperatures_c', reason: 'must hold 1 to 16 values, has 0' } }]
      ];
      const future = now() + 300_001;
      const stale = now() - 30 * DAY_MS - 1;
      const readings = [good(0), ...cases.map(([input]) => input), reading(future), reading(stale), good(20)];
      const [outcome] = okOf(await t.telemetry(t.relayer).ingest([batch('lfp-1', 20, readings, now())]));

      const window = { earliest_ms: BigInt(now() - 30 * DAY_MS), latest_ms: BigInt(now() + 300_000) };
      expect(stored(outcome)).toMatchObject({ accepted: 2, duplicate: false });
      expect(stored(outcome).rejected).toEqual([
        ...cases.map(([, error], i) => ({ index: i + 1, error })),
        { index: cases.length + 1, error: { TimestampOutOfWindow: { timestamp_ms: BigInt(future), ...window } } },
        { index: cases.length + 2, error: { TimestampOutOfWindow: { timestamp_ms: BigInt(stale), ...window } } }
      ]);

      const page = okOf(
        await t.telemetry(t.owner).readings_range({ battery_token_id: 1n, from_ms: BigInt(at), to_ms: BigInt(at + 30_000), resolution: { Raw: null }, limit: 100 })
      );
      expect(page.readings.map(fromStored)).toEqual([quantize(good(0)), quantize(good(20))]);
      expect(page.readings.map((r) => r.index)).toEqual([0, readings.length - 1]);
    });

    it('bounds cell voltages by the chemistry the device was registered with', async () => {
      const at = now() - 5_000;
      const relayer = t.telemetry(t.relayer);
      const [nmc, lto] = okOf(
        await relayer.ingest([
          batch('nmc-1', 30, [reading(at, { cells: [4.6, 4.2] }), reading(at + 1, { cells: [5.1] })]),
          batch('lto-1', 30, [reading(at, { cells: [2.7, 0.9] }), reading(at + 1, { cells: [3.4] })])
        ])
      );
      expect(stored(nmc).rejected).toEqual([{ index: 1, error: { OutOfRange: { field: 'cell_voltages_v[0]', value: 5.1, min: 1, max: 5 } } }]);
      expect(stored(lto).rejected).toEqual([{ index: 1, error: { OutOfRange: { field: 'cell_voltages_v[0]', value: 3.4, min: 0.8, max: 3.3 } } }]);
    });

    it('stores a batch whose readings were all refused, so a replay still answers the same', async () => {
      const relayer = t.telemetry(t.relayer);
      const allBad = batch('lfp-1', 21, [reading(now() - 1_000, { soc: 200 })]);
      const first = stored(okOf(await relayer.ingest([allBad]))[0]);
      expect(first).toMatchObject({ accepted: 0, merkle_root: [], duplicate: false });
      expect(stored(okOf(await relayer.ingest([allBad]))[0])).toEqual({ ...first, duplicate: true });
    });
  });

  describe('batch-level refusals keep the other batches of the call', () => {
    it('answers each batch at its position', async () => {
      const at = now() - 3_000;
      const readingsOf = (n: number) => series(at - n * 10, n, 10);
      const calls = [
        batch('lfp-1', 40, readingsOf(2)),
        batch('ghost-1', 1, readingsOf(1)),
        batch('paused-1', 1, readingsOf(1)),
        batch('lfp-1', 41, []),
        batch('lfp-1', 42, readingsOf(65)),
        batch('lfp-1', 43, readingsOf(1), now() + 300_001),
        batch('lfp-1', 44, readingsOf(64))
      ];
      const outcomes = okOf(await t.telemetry(t.relayer).ingest(calls));
      expect(outcomes).toHaveLength(calls.length);
      expect(stored(outcomes[0]).accepted).toBe(2);
      const refused = (i: number) => outcomes[i] as Extract<BatchOutcome, { Refused: unknown }>;
      expect(refused(1).Refused).toEqual({ device_id: 'ghost-1', sequence: 1n, error: { UnknownDevice: null } });
      expect(refused(2).Refused.error).toEqual({ DeviceNotActive: { status: { Suspended: null } } });
      expect(refused(3).Refused.error).toEqual({ NoReadings: null });
      expect(refused(4).Refused.error).toEqual({ TooManyReadings: { count: 65, max: 64 } });
      expect(refused(5).Refused.error).toEqual({
        TimestampOutOfWindow: { timestamp_ms: BigInt(now() + 300_001), earliest_ms: BigInt(now() - 30 * DAY_MS), latest_ms: BigInt(now() + 300_000) }
      });
      expect(stored(outcomes[6]).accepted).toBe(64);
      expect(await t.count('batches_refused')).toBe(5n);
    });

    it('refuses a device id no device can have, even one too long for a key, without failing the call', async () => {
      const [huge, good] = okOf(
        await t.telemetry(t.relayer).ingest([batch('x'.repeat(70_000), 1, [reading(now() - 1_000)]), batch('lfp-1', 45, [reading(now() - 1_000)])])
      );
      expect(huge).toMatchObject({ Refused: { error: { UnknownDevice: null } } });
      expect(good).toMatchObject({ Stored: { accepted: 1 } });
    });

    it('does not remember refused batches: the same sequence is stored once the device is active', async () => {
      const fleet = t.telemetry(t.fleetOperator);
      const paused = batch('paused-1', 1, [reading(now() - 1_000)]);
      okOf(await fleet.set_device_status('paused-1', { Active: null }));
      const [outcome] = okOf(await t.telemetry(t.relayer).ingest([paused]));
      expect(stored(outcome)).toMatchObject({ accepted: 1, duplicate: false });
      okOf(await fleet.set_device_status('paused-1', { Suspended: null }));
      expect(stored(okOf(await t.telemetry(t.relayer).ingest([paused]))[0]).duplicate).toBe(true);
    });

    it('refuses a call of more than 32 batches or 512 readings as a whole', async () => {
      const storedBefore = await t.count('batches_stored');
      const tooMany = Array.from({ length: 33 }, (_, i) => batch('lfp-1', 100 + i, [reading(now() - 1_000)]));
      expect(await t.telemetry(t.relayer).ingest(tooMany)).toEqual({
        Err: { InvalidArgument: { field: 'batches', reason: 'at most 32 batches per call' } }
      });
      const tooLarge = Array.from({ length: 9 }, (_, i) => batch('lfp-1', 200 + i, series(now() - 700_000, i === 8 ? 1 : 64)));
      expect(await t.telemetry(t.relayer).ingest(tooLarge)).toEqual({
        Err: { InvalidArgument: { field: 'batches', reason: 'at most 512 readings per call, got 513' } }
      });
      expect(await t.count('batches_stored')).toBe(storedBefore);
      expect(await t.telemetry(t.stranger).ingest_limits()).toEqual({
        max_batches_per_call: 32,
        max_readings_per_call: 512,
        max_readings_per_batch: 64,
        max_cells: 32,
        max_temperatures: 16
      });
    });
  });

  it('counts what it stored and refused', async () => {
    const status = await t.telemetry().status();
    const count = (name: string) => status.counts.find(([key]) => key === name)?.[1];
    expect(count('batches')).toBe(count('batches_stored'));
    expect(count('readings_stored')).toBeGreaterThan(70n);
    expect(count('readings_rejected')).toBe(20n);
    expect(count('ai_handoffs_ok')).toBe(0n);
    expect(count('ai_handoffs_failed')).toBe(0n);
  });
});
