/**
 * Simulated fleets (the bridge's equivalent-circuit packs and virtual monitors) fed through telemetry into the
 * real ai wasm, with the replica's clock following the devices': a healthy fleet over a week raises nothing,
 * and each fault the simulator injects is caught within the delay the ai README states, on its battery only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AiNet, okOf } from './support/fixture';
import { runFleet, SimulatedBattery } from './support/simulated_fleet';

const MINUTE_MS = 60_000;
const DAY_READINGS = 24 * 60;
/** A simulated week takes one to two minutes of replica time on a busy machine. */
const RUN_TIMEOUT_MS = 600_000;

/** The detection delays canisters/ai/README.md states, in readings a minute apart after the fault began. */
const STATED_DELAY = {
  overheating: 15,
  stuck_sensor: 60,
  cell_imbalance: 300,
  dropout: 20
} as const;

describe('ai on simulated fleets', () => {
  let t: AiNet;
  beforeAll(async () => {
    t = await AiNet.start();
  });
  afterAll(() => t?.stop());

  it('raises no anomaly for a healthy fleet over a simulated week', async () => {
    const fleet = [0, 300, 600].map((cycles, i) => SimulatedBattery.create(`week-${i}`, BigInt(i + 1), 40 + i, cycles));
    for (const battery of fleet) {
      await t.registerDevice(battery.deviceId, battery.tokenId);
    }
    await runFleet(t, fleet, { readings: 7 * DAY_READINGS, readingsPerCall: 10 });
    await t.advance(1_000);

    const all = okOf(await t.ai(t.admin).list_anomalies({ battery_token_id: [], kind: [], active_only: false, critical_only: false }, { cursor: [], limit: 100 }));
    expect(all.anomalies).toEqual([]);
    expect(await t.alerts().received()).toEqual([]);
    for (const battery of fleet) {
      const health = okOf(await t.ai(t.fleetOperator).battery_health(battery.tokenId));
      expect(health.readings).toBe(BigInt(7 * DAY_READINGS));
      expect(Math.abs(health.health.state_of_health[0]! - battery.trueStateOfHealth())).toBeLessThan(0.02);
    }
  }, RUN_TIMEOUT_MS);

  it('catches each injected fault within its stated delay, on its battery only', async () => {
    const faults = ['overheating', 'stuck_sensor', 'cell_imbalance', 'dropout'] as const;
    const control = SimulatedBattery.create('ctl-0', 100n, 90, 200);
    const faulty = faults.map((_, i) => SimulatedBattery.create(`fault-${i}`, BigInt(101 + i), 91 + i, i * 150));
    for (const battery of [control, ...faulty]) {
      await t.registerDevice(battery.deviceId, battery.tokenId);
    }
    const injectAt = 60;
    const startMs = t.nowMs();
    await runFleet(t, [control, ...faulty], {
      readings: 8 * 60,
      beforeSample: (i) => {
        if (i === injectAt) {
          faulty.forEach((battery, k) => battery.monitor.inject(faults[k]!));
        }
        if (i === injectAt + 40) {
          faulty[3]!.monitor.clear('dropout');
        }
      }
    });

    expect(await t.anomaliesOf(control.tokenId)).toEqual([]);
    const expectedKinds = {
      overheating: ['fast_temperature_rise', 'baseline_deviation', 'over_temperature'],
      stuck_sensor: ['stuck_sensor'],
      cell_imbalance: ['cell_imbalance'],
      dropout: ['missing_data']
    };
    const injectedMs = startMs + injectAt * MINUTE_MS;
    for (const [k, fault] of faults.entries()) {
      const anomalies = (await t.anomaliesOf(faulty[k]!.tokenId)).reverse();
      const first = anomalies.find((anomaly) => expectedKinds[fault].includes(anomaly.kind));
      expect(first, `${fault} was not detected`).toBeDefined();
      const delayReadings = (Number(first!.raised_at_ns / 1_000_000n) - injectedMs) / MINUTE_MS;
      expect(delayReadings, `${fault} detected after ${delayReadings} readings`).toBeLessThanOrEqual(STATED_DELAY[fault]);
      expect(delayReadings).toBeGreaterThanOrEqual(0);
      expect(first!.model_version).toBe('v1');
    }
    // The offline battery's backlog arrived: its missing-data anomaly cleared.
    expect((await t.anomaliesOf(faulty[3]!.tokenId, { kind: 'missing_data' }))[0]!.active).toBe(false);
  }, RUN_TIMEOUT_MS);
});
