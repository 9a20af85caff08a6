/**
 * Telemetry storage and queries on the real wasm: readings packed into chunk parts across hourly windows, raw
 * ranges paged back exactly as sent (in fixed-point units), minute/hour/day rollups and statistics checked
 * against a recomputation in the test, latest readings, and who may read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RangePage, RangeRequest, Resolution } from '../../packages/client/src/declarations/telemetry/telemetry.did.js';
import { batch, batches, reading, registration, series, type ReadingInput } from './support/builders';
import { START_MS, TelemetryNet } from './support/fixture';
import { expectSameMetrics, fromStored, quantize, summarize, type Quantized } from './support/reference';

type Result<T> = { Ok: T } | { Err: unknown };

function okOf<T>(result: Result<T>): T {
  if (!('Ok' in result)) {
    throw new Error(`expected Ok, got ${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  }
  return result.Ok;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The day the readings are in: the second day after the net started. */
const DAY = START_MS + DAY_MS;
const FIRST_MS = DAY + 90 * MINUTE_MS;
const READINGS = 1_080;

describe('telemetry storage and queries', () => {
  let t: TelemetryNet;
  /** Every reading of battery 10 in arrival order. */
  const sent: ReadingInput[] = [];
  const byTime = (a: Quantized, b: Quantized) => a.timestampMs - b.timestampMs;
  const expectedBetween = (fromMs: number, toMs: number) =>
    sent.map(quantize).filter((q) => q.timestampMs >= fromMs && q.timestampMs < toMs);

  const range = (resolution: Resolution, fromMs: number, toMs: number, limit = 1_000): RangeRequest => ({
    battery_token_id: 10n,
    from_ms: BigInt(fromMs),
    to_ms: BigInt(toMs),
    resolution,
    limit
  });

  /** Reads a whole range page by page, following next_from_ms. */
  async function readAll(request: RangeRequest): Promise<RangePage[]> {
    const pages: RangePage[] = [];
    let from = request.from_ms;
    for (;;) {
      const page = okOf(await t.telemetry(t.owner).readings_range({ ...request, from_ms: from }));
      pages.push(page);
      const next = page.next_from_ms[0];
      if (next === undefined) return pages;
      expect(next).toBeGreaterThan(from);
      from = next;
    }
  }

  beforeAll(async () => {
    t = await TelemetryNet.start();
    await t.net.advanceTime(2 * DAY_MS);
    const fleet = t.telemetry(t.fleetOperator);
    okOf(await fleet.register_device(registration('pack-10', 10n, t.owner.getPrincipal())));
    okOf(await fleet.register_device(registration('pack-11', 11n, t.otherOwner.getPrincipal())));

    const inOrder = series(FIRST_MS, READINGS);
    // A late batch: readings of the second window sent after everything else, between the 10-second marks.
    const late = series(DAY + 150 * MINUTE_MS + 5_000, 30);
    sent.push(...inOrder, ...late);
    const outcomes = await t.ingestAll(batches('pack-10', 1, inOrder));
    expect(outcomes.every((outcome) => 'Stored' in outcome && outcome.Stored.rejected.length === 0)).toBe(true);
    okOf(await t.telemetry(t.relayer).ingest([batch('pack-10', 100, late), batch('pack-11', 1, series(FIRST_MS, 20))]));
  });
  afterAll(() => t?.stop());

  describe('chunks', () => {
    it('packs readings into a few parts per hourly window, far below one entry per reading', async () => {
      const status = await t.telemetry().status();
      const count = (name: string) => Number(status.counts.find(([key]) => key === name)?.[1]);
      expect(count('readings_stored')).toBe(READINGS + 30 + 20);
      // 3 hours of battery 10 touch 4 windows, battery 11 one more; parts close at 512 bytes (about 20 readings).
      expect(count('chunks')).toBeGreaterThan(5);
      expect(count('chunks')).toBeLessThan(count('readings_stored') / 10);
      const bytesPerReading = count('chunk_bytes') / count('readings_stored');
      expect(bytesPerReading).toBeGreaterThan(5);
      expect(bytesPerReading).toBeLessThan(40);
    });

    it('gives every reading back exactly, oldest first, across windows and pages', async () => {
      const pages = await readAll(range({ Raw: null }, DAY, DAY + DAY_MS, 250));
      const readings = pages.flatMap((page) => page.readings);
      expect(pages.length).toBeGreaterThan(4);
      expect(readings.map(fromStored)).toEqual(expectedBetween(DAY, DAY + DAY_MS).sort(byTime));
    });

    it('starts a range from the oldest stored data, not from a from_ms decades earlier', async () => {
      // Without the clamp a scan from the epoch reads 744 empty hourly windows per page, hundreds of pages.
      const raw = okOf(await t.telemetry(t.owner).readings_range(range({ Raw: null }, 0, DAY + DAY_MS)));
      expect(raw.readings.length).toBeGreaterThan(0);
      expect(raw.readings.map(fromStored)).toEqual(expectedBetween(0, DAY + DAY_MS).sort(byTime).slice(0, raw.readings.length));
      const hourly = okOf(await t.telemetry(t.owner).readings_range(range({ Hour: null }, 0, DAY + DAY_MS)));
      expect(hourly.rollups.length).toBeGreaterThan(0);
    });

    it('answers a sub-range that starts and ends inside windows', async () => {
      const from = FIRST_MS + 75 * MINUTE_MS + 3_000;
      const to = FIRST_MS + 130 * MINUTE_MS + 1;
      const readings = (await readAll(range({ Raw: null }, from, to))).flatMap((page) => page.readings);
      expect(readings.map(fromStored)).toEqual(expectedBetween(from, to).sort(byTime));
    });

    it('keeps each battery to itself', async () => {
      const other = okOf(
        await t.telemetry(t.otherOwner).readings_range({ ...range({ Raw: null }, DAY, DAY + DAY_MS), battery_token_id: 11n })
      );
      expect(other.readings).toHaveLength(20);
    });
  });

  describe('rollups', () => {
    const resolutions: Array<[string, Resolution, number]> = [
      ['minute', { Minute: null }, MINUTE_MS],
      ['hour', { Hour: null }, HOUR_MS],
      ['day', { Day: null }, DAY_MS]
    ];

    for (const [name, resolution, bucketMs] of resolutions) {
      it(`match a recomputation of every ${name} bucket`, async () => {
        const points = (await readAll(range(resolution, DAY, DAY + DAY_MS, 100))).flatMap((page) => page.rollups);
        const expected = new Map<number, Quantized[]>();
        for (const q of expectedBetween(DAY, DAY + DAY_MS)) {
          const start = Math.floor(q.timestampMs / bucketMs) * bucketMs;
          expected.set(start, [...(expected.get(start) ?? []), q]);
        }
        expect(points.map((point) => Number(point.start_ms))).toEqual([...expected.keys()].sort((a, b) => a - b));
        for (const point of points) {
          const recomputed = summarize(expected.get(Number(point.start_ms))!);
          expect(point.count).toBe(recomputed.count);
          expectSameMetrics(point.metrics, recomputed.metrics, expect);
        }
      });
    }

    it('pages rollups by bucket', async () => {
      const first = okOf(await t.telemetry(t.owner).readings_range(range({ Minute: null }, DAY, DAY + DAY_MS, 7)));
      expect(first.rollups).toHaveLength(7);
      expect(first.next_from_ms).toEqual([first.rollups[6]!.start_ms + BigInt(MINUTE_MS)]);
    });

    it('combines rollups into statistics over whole minutes', async () => {
      const from = FIRST_MS + 47 * MINUTE_MS + 17_000;
      const to = FIRST_MS + 163 * MINUTE_MS + 2_000;
      const stats = okOf(await t.telemetry(t.owner).statistics({ battery_token_id: 10n, from_ms: BigInt(from), to_ms: BigInt(to) }));
      const widenedFrom = Math.floor(from / MINUTE_MS) * MINUTE_MS;
      const widenedTo = Math.ceil(to / MINUTE_MS) * MINUTE_MS;
      expect([stats.from_ms, stats.to_ms]).toEqual([BigInt(widenedFrom), BigInt(widenedTo)]);
      const recomputed = summarize(expectedBetween(widenedFrom, widenedTo));
      expect(stats.count).toBe(BigInt(recomputed.count));
      expectSameMetrics(stats.metrics[0]!, recomputed.metrics, expect);

      const whole = okOf(await t.telemetry(t.owner).statistics({ battery_token_id: 10n, from_ms: BigInt(DAY - DAY_MS), to_ms: BigInt(DAY + 2 * DAY_MS) }));
      const all = summarize(sent.map(quantize));
      expect(whole.count).toBe(BigInt(all.count));
      expectSameMetrics(whole.metrics[0]!, all.metrics, expect);
    });

    it('reports an empty range as a zero count', async () => {
      const stats = okOf(await t.telemetry(t.owner).statistics({ battery_token_id: 10n, from_ms: BigInt(START_MS), to_ms: BigInt(START_MS + HOUR_MS) }));
      expect(stats).toMatchObject({ count: 0n, metrics: [] });
    });
  });

  describe('latest readings', () => {
    it('keeps the newest by device timestamp, not the last to arrive', async () => {
      const latest = okOf(await t.telemetry(t.owner).latest_reading(10n));
      const newest = sent.map(quantize).sort(byTime).at(-1)!;
      expect(latest.device_id).toBe('pack-10');
      expect(fromStored(latest.reading)).toEqual(newest);
    });

    it('lists an owner\'s devices with their latest reading, a page at a time', async () => {
      const fleet = t.telemetry(t.fleetOperator);
      okOf(await fleet.register_device(registration('pack-12', 12n, t.owner.getPrincipal())));
      const first = okOf(await t.telemetry(t.owner).latest_readings([t.owner.getPrincipal()], { cursor: [], limit: 1 }));
      expect(first.entries.map((entry) => entry.device_id)).toEqual(['pack-10']);
      expect(first.entries[0]!.latest).toHaveLength(1);
      const second = okOf(await t.telemetry(t.owner).latest_readings([t.owner.getPrincipal()], { cursor: first.next_cursor, limit: 1 }));
      expect(second.entries).toEqual([{ device_id: 'pack-12', battery_token_id: 12n, status: { Active: null }, latest: [] }]);
      expect(second.next_cursor).toEqual([]);

      const fleetWide = okOf(await fleet.latest_readings([], { cursor: [], limit: 100 }));
      expect(fleetWide.entries.map((entry) => entry.device_id)).toEqual(['pack-10', 'pack-11', 'pack-12']);
    });
  });

  describe('who may read', () => {
    it('lets fleet managers and the owner read, nobody else', async () => {
      const request = range({ Hour: null }, DAY, DAY + DAY_MS);
      for (const identity of [t.fleetOperator, t.admin, t.owner]) {
        expect(okOf(await t.telemetry(identity).readings_range(request)).rollups.length).toBeGreaterThan(0);
      }
      for (const identity of [t.otherOwner, t.stranger, t.relayer]) {
        const refused = { Err: { Unauthorized: { caller: identity.getPrincipal(), required: { Role: { fleet_operator: null } } } } };
        expect(await t.telemetry(identity).readings_range(request)).toEqual(refused);
        expect(await t.telemetry(identity).latest_reading(10n)).toEqual(refused);
        expect(await t.telemetry(identity).statistics({ battery_token_id: 10n, from_ms: BigInt(DAY), to_ms: BigInt(DAY + 1) })).toEqual(refused);
        expect(await t.telemetry(identity).latest_readings([t.owner.getPrincipal()], { cursor: [], limit: 10 })).toEqual(refused);
      }
      expect(await t.telemetry(t.owner).latest_readings([], { cursor: [], limit: 10 })).toMatchObject({ Err: { Unauthorized: {} } });
    });

    it('checks the request', async () => {
      const owner = t.telemetry(t.owner);
      const invalid = (field: string) => ({ Err: { InvalidArgument: expect.objectContaining({ field }) } });
      expect(await owner.readings_range(range({ Raw: null }, DAY, DAY + 1, 0))).toEqual(invalid('limit'));
      expect(await owner.readings_range(range({ Raw: null }, DAY, DAY + 1, 1_001))).toEqual(invalid('limit'));
      expect(await owner.readings_range(range({ Raw: null }, DAY, DAY))).toEqual(invalid('to_ms'));
      expect(await owner.statistics({ battery_token_id: 10n, from_ms: 0n, to_ms: BigInt(11 * 365 * DAY_MS) })).toEqual(invalid('to_ms'));
      expect(await t.telemetry(t.fleetOperator).latest_reading(99n)).toEqual({ Err: { NotFound: { kind: 'battery', id: '99' } } });
      expect(await t.telemetry(t.fleetOperator).latest_reading(12n)).toEqual({ Err: { NotFound: { kind: 'reading', id: '12' } } });
    });
  });

  it('gives back irregular readings exactly: changing cell and sensor counts, jumps, gaps, GPS on and off, disorder', async () => {
    let seed = 20250301;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const base = DAY + 20 * HOUR_MS;
    const offsets = Array.from({ length: 200 }, (_, i) => i * 17_000 + Math.floor(random() * 16_000)).sort(() => random() - 0.5);
    const rough = offsets.map((offset) =>
      reading(base + offset, {
        cells: Array.from({ length: 1 + Math.floor(random() * 32) }, () => 1 + random() * 3.5),
        current: (random() - 0.5) * 3_999,
        temperatures: Array.from({ length: 1 + Math.floor(random() * 16) }, () => -40 + random() * 165),
        soc: random() * 100,
        gps: random() < 0.5 ? undefined : { latitude: (random() - 0.5) * 180, longitude: (random() - 0.5) * 360 }
      })
    );
    okOf(await t.telemetry(t.fleetOperator).register_device(registration('pack-13', 13n, t.owner.getPrincipal())));
    const outcomes = okOf(await t.telemetry(t.relayer).ingest(batches('pack-13', 1, rough, 50)));
    expect(outcomes.map((outcome) => 'Stored' in outcome && outcome.Stored.accepted)).toEqual([50, 50, 50, 50]);
    const readings = (await readAll({ ...range({ Raw: null }, base, base + 2 * HOUR_MS, 70), battery_token_id: 13n })).flatMap(
      (page) => page.readings
    );
    expect(readings.map(fromStored)).toEqual(rough.map(quantize).sort(byTime));
  });

  it('reads the readings of one battery in order even when a batch spans two windows', async () => {
    const spanning = [reading(DAY + 23 * HOUR_MS - 5_000), reading(DAY + 23 * HOUR_MS + 5_000)];
    okOf(await t.telemetry(t.relayer).ingest([batch('pack-11', 2, spanning)]));
    const page = okOf(
      await t.telemetry(t.fleetOperator).readings_range({ ...range({ Raw: null }, DAY + 22 * HOUR_MS, DAY + DAY_MS), battery_token_id: 11n })
    );
    expect(page.readings.map(fromStored)).toEqual(spanning.map(quantize));
  });
});
