/**
 * Upgrading telemetry keeps every stored thing (registry, chunks, rollups, batch outcomes and deduplication,
 * certified roots, policy, counters and config) and re-arms the retention timer, which upgrades lose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RangeRequest } from '../../packages/client/src/declarations/telemetry/telemetry.did.js';
import { batch, batches, registration, series } from './support/builders';
import { TelemetryNet } from './support/fixture';
import { fromStored, quantize } from './support/reference';

type Result<T> = { Ok: T } | { Err: unknown };

function okOf<T>(result: Result<T>): T {
  if (!('Ok' in result)) {
    throw new Error(`expected Ok, got ${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  }
  return result.Ok;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

describe('telemetry upgrade', () => {
  let t: TelemetryNet;
  let startMs: number;
  const raw = (): RangeRequest => ({
    battery_token_id: 1n,
    from_ms: BigInt(startMs - HOUR_MS),
    to_ms: BigInt(startMs + 2 * HOUR_MS),
    resolution: { Raw: null },
    limit: 1_000
  });
  /** Everything a client can read back, to compare before and after. */
  const snapshot = async () => {
    const owner = t.telemetry(t.owner);
    const status = await t.telemetry().status();
    return {
      counts: status.counts,
      config: status.config,
      device: okOf(await owner.get_device('up-1')),
      latest: okOf(await owner.latest_reading(1n)),
      raw: okOf(await owner.readings_range(raw())),
      minutes: okOf(await owner.readings_range({ ...raw(), resolution: { Minute: null } })),
      stats: okOf(await owner.statistics({ battery_token_id: 1n, from_ms: BigInt(startMs - HOUR_MS), to_ms: BigInt(startMs + HOUR_MS) })),
      proof: okOf(await owner.reading_proof(1n, 3)),
      roots: await owner.certified_roots(),
      keys: okOf(await t.telemetry(t.relayer).device_keys_since(0n, 100)),
      policy: await owner.get_policy()
    };
  };

  beforeAll(async () => {
    t = await TelemetryNet.start({ ai: 'real' });
    startMs = Number(t.net.now() / 1_000_000n) - 30 * 60_000;
    okOf(await t.telemetry(t.fleetOperator).register_device(registration('up-1', 1n, t.owner.getPrincipal())));
    okOf(await t.telemetry(t.relayer).ingest(batches('up-1', 1, series(startMs, 100), 40)));
    okOf(
      await t.telemetry(t.admin).set_policy({
        raw_retention_days: 1,
        minute_retention_days: 1,
        hour_retention_days: 10,
        day_retention_days: 10,
        max_future_drift_ms: 300_000
      })
    );
  });
  afterAll(() => t?.stop());

  it('keeps everything a client can read', async () => {
    const before = await snapshot();
    const versionBefore = (await t.telemetry().status()).canister_version;
    await t.upgradeTelemetry();
    expect((await t.telemetry().status()).canister_version).toBeGreaterThan(versionBefore);
    expect(await snapshot()).toEqual(before);
  });

  it('still recognises replays, and appends new readings after the old ones', async () => {
    const relayer = t.telemetry(t.relayer);
    const [replay] = okOf(await relayer.ingest([batch('up-1', 1, series(startMs, 40))]));
    expect(replay).toMatchObject({ Stored: { batch_number: 1n, duplicate: true, accepted: 40 } });
    const more = series(startMs + 100 * 10_000, 20);
    okOf(await relayer.ingest([batch('up-1', 4, more)]));
    const readings = okOf(await t.telemetry(t.owner).readings_range(raw())).readings;
    expect(readings.map(fromStored)).toEqual([...series(startMs, 100), ...more].map(quantize));
  });

  it('numbers registry versions on from where they were', async () => {
    const head = okOf(await t.telemetry(t.relayer).device_keys_since(0n, 100)).head_version;
    const added = okOf(await t.telemetry(t.fleetOperator).register_device(registration('up-2', 2n, t.owner.getPrincipal())));
    expect(added.version).toBe(head + 1n);
  });

  it('re-arms the retention timer', async () => {
    const sweeps = await t.count('retention_sweeps');
    await t.net.advanceTime(DAY_MS + 2 * HOUR_MS);
    expect(await t.count('retention_sweeps')).toBeGreaterThan(sweeps!);
    expect(okOf(await t.telemetry(t.owner).readings_range(raw())).readings).toEqual([]);
    expect(await t.count('chunks')).toBe(0n);
  });
});
