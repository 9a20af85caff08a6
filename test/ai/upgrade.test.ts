/**
 * An upgrade of ai keeps everything it learned: battery state, anomalies (active ones keep their lifecycle),
 * model versions and the one in use; and the timers it runs (missing-data sweep) work again afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AiNet, okOf, START_MS } from './support/fixture';
import { packSeries } from './support/readings';

const DATA_START = START_MS - 86_400_000;

describe('ai upgrade', () => {
  let t: AiNet;
  beforeAll(async () => {
    t = await AiNet.start();
    await t.registerDevice('up-1', 1n);
    await t.registerDevice('up-2', 2n);
  });
  afterAll(() => t?.stop());

  it('keeps state, anomalies and models, and continues where it stopped', async () => {
    const params = (await t.ai().active_model()).params;
    okOf(await t.ai(t.admin).upload_model({ label: 'tuned', params: { ...params, over_current_a: { warning: 30, critical: 60 } }, activate: true }));
    await t.ingest('up-1', packSeries(DATA_START, 120, 10_000), 20);
    await t.ingest('up-2', packSeries(DATA_START, 20, 10_000, () => ({ currentA: -45 })), 10);
    const healthBefore = okOf(await t.ai(t.admin).battery_health(1n));
    const anomaliesBefore = await t.anomaliesOf(2n);
    expect(anomaliesBefore.map((anomaly) => [anomaly.kind, anomaly.active, anomaly.model_version])).toEqual([['over_current', true, 'v2']]);
    const modelsBefore = await t.ai().list_models();
    const statusBefore = await t.ai().status();

    await t.upgradeAi();

    expect(okOf(await t.ai(t.admin).battery_health(1n))).toEqual(healthBefore);
    expect(await t.anomaliesOf(2n)).toEqual(anomaliesBefore);
    expect(await t.ai().list_models()).toEqual(modelsBefore);
    const statusAfter = await t.ai().status();
    expect(statusAfter.counts).toEqual(statusBefore.counts);
    expect(statusAfter.canister_version).toBeGreaterThan(statusBefore.canister_version);

    // Charge counting continues from the stored state (the next call is contiguous with the last reading).
    await t.ingest('up-1', packSeries(DATA_START + 1_200_000, 60, 10_000), 60);
    const healthAfter = okOf(await t.ai(t.admin).battery_health(1n));
    expect(healthAfter.readings).toBe(180n);
    expect(healthAfter.charge_out_ah - healthBefore.charge_out_ah).toBeCloseTo(20 * (600 / 3_600), 1);

    // The active anomaly still clears, as the same anomaly.
    await t.ingest('up-2', packSeries(DATA_START + 200_000, 70, 10_000), 10);
    const [cleared] = await t.anomaliesOf(2n);
    expect(cleared).toMatchObject({ id: anomaliesBefore[0]!.id, active: false });

    // The missing-data sweep runs again after the upgrade.
    await t.advance(16 * 60_000);
    expect(await t.anomaliesOf(1n, { kind: 'missing_data', activeOnly: true })).toHaveLength(1);
  });
});
