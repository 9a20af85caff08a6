/**
 * ai on the real wasm, fed the way production feeds it: readings ingested into telemetry by a relayer, which hands
 * one summary per battery to ai. Per-battery state, the fixed-limit detectors, the adaptive ones (baseline, fast
 * rise, stuck sensor), missing data, anomaly lifecycles and their signals to a recording alerts stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AiNet, type Anomaly, okOf, START_MS } from './support/fixture';
import { packSeries } from './support/readings';

const MINUTE = 60_000;
/** Device time of the data: ten days before the replica's clock, well inside telemetry's 30-day window. */
const DATA_START = START_MS - 10 * 24 * 60 * MINUTE;

describe('ai anomaly detection on telemetry hand-offs', () => {
  let t: AiNet;
  beforeAll(async () => {
    t = await AiNet.start();
    for (const token of [1n, 2n, 3n, 4n, 5n]) {
      await t.registerDevice(`pack-${token}`, token);
    }
  });
  afterAll(() => t?.stop());

  it('keeps each battery\'s state from the summaries telemetry hands over', async () => {
    await t.ingest('pack-1', packSeries(DATA_START, 60, 10_000));
    const first = okOf(await t.ai(t.fleetOperator).battery_health(1n));
    expect(first).toMatchObject({ battery_token_id: 1n, device_id: 'pack-1', readings: 60n, cell_count: 16, model_version: 'v1', anomalies_total: 0n });
    expect(first.first_seen_ms).toBe(BigInt(DATA_START));
    expect(first.last_seen_ms).toBe(BigInt(DATA_START + 59 * 10_000));
    // 20 A out for 60 readings of 10 s each: 1/3 Ah... times 10.
    expect(first.charge_out_ah).toBeCloseTo(20 * (600 / 3_600), 1);
    expect(first.temperature.last_dc).toBeGreaterThan(245);
    expect(first.temperature.last_dc).toBeLessThan(255);

    // The next call continues the series: its span starts at the previous reading.
    await t.ingest('pack-1', packSeries(DATA_START + 600_000, 60, 10_000, () => ({ currentA: 15 })));
    const second = okOf(await t.ai(t.fleetOperator).battery_health(1n));
    expect(second.readings).toBe(120n);
    expect(second.charge_in_ah).toBeCloseTo(15 * (600 / 3_600), 1);
    expect(second.throughput_ah).toBeCloseTo(second.charge_in_ah + second.charge_out_ah, 6);
    expect(second.equivalent_full_cycles).toBeCloseTo(second.throughput_ah / 100, 6);
    expect(second.active_anomalies).toEqual([]);
    expect(await t.anomaliesOf(1n)).toEqual([]);
  });

  it('raises limit anomalies with evidence and the model version, signals alerts, and clears them', async () => {
    const calm = DATA_START;
    await t.ingest('pack-2', packSeries(calm, 30, 10_000));
    const hotStart = calm + 300_000;
    await t.ingest('pack-2', packSeries(hotStart, 12, 10_000, () => ({ cellMv: 3_760, temperatureC: 70, currentA: -180 })));

    const active = await t.anomaliesOf(2n, { activeOnly: true });
    const byKind = new Map(active.map((anomaly) => [anomaly.kind, anomaly]));
    // 25 to 70 degrees within two minutes is also a fast rise.
    expect([...byKind.keys()].sort()).toEqual(['fast_temperature_rise', 'over_current', 'over_temperature', 'over_voltage']);
    const voltage = byKind.get('over_voltage')!;
    expect(voltage).toMatchObject({ battery_token_id: 2n, device_id: 'pack-2', severity: { warning: null }, active: true, model_version: 'v1', cleared_at_ns: [] });
    expect(voltage.evidence).toMatchObject({ from_ms: BigInt(hotStart), to_ms: BigInt(hotStart + 110_000), threshold: [3_700], unit: 'mV' });
    expect(voltage.evidence.value[0]).toBeGreaterThan(3_760);
    expect(voltage.evidence.detail).toMatch(/^The highest cell reached \d+ mV, above the limit of 3700 mV\.$/);
    expect(byKind.get('over_temperature')).toMatchObject({ severity: { critical: null }, evidence: { threshold: [650], unit: 'dC' } });
    expect(byKind.get('over_current')).toMatchObject({ severity: { warning: null }, evidence: { threshold: [150], unit: 'A' } });

    await t.advance(1_000);
    const sent = await t.alerts().received();
    const ids = active.map((anomaly) => `ai-anomaly-${anomaly.id}`).sort();
    expect(sent.map((entry) => entry.signal.signal_id).sort()).toEqual(ids);
    expect(sent.every((entry) => entry.caller.toText() === t.ids.ai!.toText())).toBe(true);
    const voltageSignal = sent.find((entry) => entry.signal.kind === 'over_voltage')!.signal;
    expect(voltageSignal).toMatchObject({
      state: { raised: null },
      severity: { warning: null },
      battery_token_id: [2n],
      device_id: ['pack-2'],
      model_version: ['v1'],
      evidence: voltage.evidence
    });

    // Healthy again: after ten quiet minutes of device time the anomalies clear, and alerts hears of it.
    await t.ingest('pack-2', packSeries(hotStart + 120_000, 30, 10_000), 10);
    expect(await t.anomaliesOf(2n, { activeOnly: true })).toHaveLength(4);
    await t.ingest('pack-2', packSeries(hotStart + 420_000, 40, 10_000), 10);
    expect(await t.anomaliesOf(2n, { activeOnly: true })).toEqual([]);
    const cleared = (await t.anomaliesOf(2n)).find((anomaly) => anomaly.kind === 'over_voltage')!;
    expect(cleared.active).toBe(false);
    expect(cleared.cleared_at_ns).toHaveLength(1);
    await t.advance(1_000);
    const clearedSignals = (await t.alerts().received()).filter((entry) => 'cleared' in entry.signal.state);
    expect(clearedSignals.map((entry) => entry.signal.signal_id).sort()).toEqual(ids.map((id) => `${id}-cleared`).sort());
  });

  it('escalates an active anomaly to critical once, with a signal of its own', async () => {
    await t.ingest('pack-3', packSeries(DATA_START, 10, 10_000, () => ({ cellMv: 2_450 })));
    const [raised] = await t.anomaliesOf(3n, { kind: 'under_voltage' });
    expect(raised).toMatchObject({ severity: { warning: null }, evidence: { threshold: [2_500] } });
    await t.ingest('pack-3', packSeries(DATA_START + 100_000, 10, 10_000, () => ({ cellMv: 1_950 })));
    await t.ingest('pack-3', packSeries(DATA_START + 200_000, 10, 10_000, () => ({ cellMv: 2_450 })));
    const [escalated] = await t.anomaliesOf(3n, { kind: 'under_voltage' });
    expect(escalated!.id).toBe(raised!.id);
    expect(escalated).toMatchObject({ severity: { critical: null }, active: true, evidence: { threshold: [2_000], from_ms: BigInt(DATA_START) } });
    expect(escalated!.evidence.value[0]).toBeLessThan(1_950);
    await t.advance(1_000);
    const signals = (await t.alerts().received()).filter((entry) => entry.signal.battery_token_id[0] === 3n).map((entry) => entry.signal);
    expect(signals.map((signal) => [signal.signal_id, Object.keys(signal.severity)[0]])).toEqual([
      [`ai-anomaly-${raised!.id}`, 'warning'],
      [`ai-anomaly-${raised!.id}-critical`, 'critical']
    ]);
  });

  it('catches heating below the fixed limit by the rise rate and by the battery\'s own baseline', async () => {
    // Three hours at a steady 25 degrees teach the baseline; then the pack heats by half a degree a minute.
    await t.ingest('pack-4', packSeries(DATA_START, 180, MINUTE), 10);
    expect(await t.anomaliesOf(4n)).toEqual([]);
    const heatStart = DATA_START + 180 * MINUTE;
    await t.ingest('pack-4', packSeries(heatStart, 20, MINUTE, (i) => ({ temperatureC: 25 + 0.5 * (i + 1) })), 2);
    const kinds = (await t.anomaliesOf(4n)).map((anomaly) => anomaly.kind).sort();
    expect(kinds).toEqual(['baseline_deviation', 'fast_temperature_rise']);
    const health = okOf(await t.ai(t.technician).battery_health(4n));
    expect(health.temperature.max_dc).toBeLessThan(400);
    expect(health.temperature.rise_dc_per_min).toBeGreaterThan(1.5);
    expect(health.active_anomalies.map((anomaly) => anomaly.kind).sort()).toEqual(kinds);
  });

  it('flags a sensor that holds still while current flows, not one that holds still at rest', async () => {
    await t.ingest('pack-5', packSeries(DATA_START, 60, 10_000, () => ({ frozenTemperature: true, currentA: 0 })), 10);
    expect(await t.anomaliesOf(5n)).toEqual([]);
    await t.ingest('pack-5', packSeries(DATA_START + 600_000, 50, 10_000, () => ({ frozenTemperature: true })), 10);
    const [stuck] = await t.anomaliesOf(5n);
    expect(stuck).toMatchObject({ kind: 'stuck_sensor', severity: { warning: null }, evidence: { threshold: [40], unit: 'readings' } });
    expect(stuck!.evidence.detail).toMatch(/temperature sensor held 25 degrees/);
  });

  it('raises missing data once a battery goes quiet, and clears it when data comes back', async () => {
    await t.advance(1_000);
    const before = (await t.alerts().received()).length;
    await t.advance(16 * MINUTE);
    const missing = await t.anomaliesOf(1n, { kind: 'missing_data', activeOnly: true });
    expect(missing).toHaveLength(1);
    expect(missing[0]!.evidence).toMatchObject({ threshold: [900], unit: 's', from_ms: BigInt(DATA_START + 1_190_000) });
    const fleetWide = okOf(await t.ai(t.admin).list_anomalies({ battery_token_id: [], kind: ['missing_data'], active_only: true, critical_only: false }, { cursor: [], limit: 100 }));
    expect(fleetWide.anomalies.map((anomaly) => anomaly.battery_token_id).sort()).toEqual([1n, 2n, 3n, 4n, 5n]);
    // A second sweep does not raise it again.
    await t.advance(2 * MINUTE);
    expect(await t.anomaliesOf(1n, { kind: 'missing_data' })).toHaveLength(1);
    expect((await t.alerts().received()).length - before).toBe(5);

    await t.ingest('pack-1', packSeries(DATA_START + 1_200_000, 6, 10_000));
    const [back] = await t.anomaliesOf(1n, { kind: 'missing_data' });
    expect(back).toMatchObject({ active: false });
  });

  it('pages anomalies newest first with a cursor, fleet-wide and per battery', async () => {
    const all: Anomaly[] = [];
    let cursor: [] | [bigint] = [];
    do {
      const page: { anomalies: Anomaly[]; next_cursor: [] | [bigint] } = okOf(await t.ai(t.admin).list_anomalies({ battery_token_id: [], kind: [], active_only: false, critical_only: false }, { cursor, limit: 3 }));
      expect(page.anomalies.length).toBeLessThanOrEqual(3);
      all.push(...page.anomalies);
      cursor = page.next_cursor;
    } while (cursor.length > 0);
    const ids = all.map((anomaly) => anomaly.id);
    expect(ids).toEqual([...ids].sort((a, b) => Number(b - a)));
    expect(new Set(ids).size).toBe(ids.length);
    const status = await t.ai().status();
    expect(status.counts.find(([name]) => name === 'anomalies')?.[1]).toBe(BigInt(ids.length));

    const first = okOf(await t.ai(t.admin).list_anomalies({ battery_token_id: [2n], kind: [], active_only: false, critical_only: false }, { cursor: [], limit: 2 }));
    const rest = okOf(await t.ai(t.admin).list_anomalies({ battery_token_id: [2n], kind: [], active_only: false, critical_only: false }, { cursor: first.next_cursor, limit: 100 }));
    expect([...first.anomalies, ...rest.anomalies].map((anomaly) => anomaly.id)).toEqual(all.filter((anomaly) => anomaly.battery_token_id === 2n).map((anomaly) => anomaly.id));
    expect(rest.next_cursor).toEqual([]);

    const critical = okOf(await t.ai(t.admin).list_anomalies({ battery_token_id: [], kind: [], active_only: false, critical_only: true }, { cursor: [], limit: 100 }));
    expect(critical.anomalies.map((anomaly) => anomaly.id)).toEqual(all.filter((anomaly) => 'critical' in anomaly.severity).map((anomaly) => anomaly.id));
    expect(critical.anomalies.map((anomaly) => anomaly.kind)).toContain('under_voltage');
    expect(await t.ai(t.admin).list_anomalies({ battery_token_id: [], kind: ['bogus'], active_only: false, critical_only: false }, { cursor: [], limit: 10 })).toEqual({
      Err: { InvalidArgument: { field: 'kind', reason: 'is not an anomaly kind of ai' } }
    });
  });
});
