/**
 * ai's anomalies reach people through the real alerts canister: readings ingested by telemetry as the relayer
 * sends them, ai's detection and its signal outbox, alerts' routing to the battery's owner and technician.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { START_MS } from '../ai/support/fixture';
import { packSeries } from '../ai/support/readings';
import { AlertsNet, okOf } from './support/fixture';

describe('telemetry -> ai -> alerts', () => {
  let t: AlertsNet;

  beforeAll(async () => {
    t = await AlertsNet.start();
  });
  afterAll(() => t?.stop());

  it("puts an over-voltage fault in the owner's and the technician's feeds as one alert, resolved when it clears", async () => {
    const token = await t.battery('PIPE-1');
    await t.ai.registerDevice('pipe-1', token);
    okOf(await t.alerts(t.ai.fleetOperator).assign_technician(token, t.ai.technician.getPrincipal()));
    const start = START_MS - 86_400_000;

    await t.ai.ingest('pipe-1', packSeries(start, 6, 10_000, () => ({ cellMv: 3_760 })));
    await t.net.advanceTime(1_000);
    const [item] = (await t.feedOf(t.ai.fleetOperator)).items;
    expect(item?.alert).toMatchObject({ source: 'ai', kind: 'over_voltage', battery_token_id: [token], state: { active: null }, model_version: ['v1'] });
    expect(item!.alert.evidence.unit).toBe('mV');
    expect((await t.feedOf(t.ai.technician)).items.map((entry) => entry.alert.id)).toEqual([item!.alert.id]);
    const [anomaly] = await t.ai.anomaliesOf(token, { kind: 'over_voltage' });
    expect(anomaly).toBeDefined();

    // Ten quiet minutes clear the anomaly in ai, and its cleared signal resolves the alert.
    await t.ai.ingest('pipe-1', packSeries(start + 60_000, 70, 10_000), 10);
    await t.net.advanceTime(1_000);
    const resolved = okOf(await t.alerts(t.ai.fleetOperator).get_alert(item!.alert.id));
    expect(resolved.state).toEqual({ resolved: null });
    expect(resolved.history.at(-1)).toMatchObject({ action: { cleared: null } });
  });
});
