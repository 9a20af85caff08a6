/**
 * State of health, resistance and remaining useful life on the real wasm, from simulated packs (the bridge's
 * equivalent-circuit model, aged by cycling) fed through telemetry for a day and a half; the rating and cycle
 * count read from leasing and the state of health written back to it; the low-health anomaly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AiNet, okOf } from './support/fixture';
import { runFleet, SimulatedBattery } from './support/simulated_fleet';

/** 2560 Wh at 51.2 V: the simulator's 16 cells of 50 Ah. */
const PACK_WH = 2_560;
/** The simulator's fade: 20 % of capacity over 1,000 cycles. */
const TRUE_FADE_PER_CYCLE = 0.0002;

describe('ai state of health and remaining life', () => {
  let t: AiNet;
  let fresh: SimulatedBattery;
  let aged: SimulatedBattery;
  const health = async (battery: SimulatedBattery) => okOf(await t.ai(t.fleetOperator).battery_health(battery.tokenId));

  beforeAll(async () => {
    t = await AiNet.start({ leasing: true });
    fresh = SimulatedBattery.create('soh-fresh', await t.registerBattery('SIM-FRESH', PACK_WH, 0), 11, 0);
    aged = SimulatedBattery.create('soh-aged', await t.registerBattery('SIM-AGED', PACK_WH, 500), 12, 500);
    for (const battery of [fresh, aged]) {
      await t.registerDevice(battery.deviceId, battery.tokenId);
    }
    await runFleet(t, [fresh, aged], { readings: 36 * 60 });
  });
  afterAll(() => t?.stop());

  it('tracks the capacity of an aged battery and of a new one within two points', async () => {
    for (const battery of [fresh, aged]) {
      const { health: estimate } = await health(battery);
      expect(estimate.capacity_samples).toBeGreaterThanOrEqual(5);
      expect(Math.abs(estimate.state_of_health[0]! - battery.trueStateOfHealth())).toBeLessThan(0.02);
      expect(estimate.capacity_ah[0]! / 50).toBeCloseTo(estimate.state_of_health[0]!, 9);
    }
    expect((await health(aged)).health.state_of_health[0]).toBeLessThan(0.91);
  });

  it('counts cycles on top of the count leasing knew, and measures the aged battery\'s higher resistance', async () => {
    const agedHealth = await health(aged);
    expect(agedHealth.rated_capacity_ah).toBe(50);
    expect(agedHealth.equivalent_full_cycles).toBeCloseTo(aged.trueCycles() - 500, 0);
    // Leasing's 500 stand for the cycles before ai's count began (read a moment after ai's first hand-off).
    expect(agedHealth.health.lifetime_cycles).toBeCloseTo(500 + agedHealth.equivalent_full_cycles, 1);
    expect((await health(fresh)).health.lifetime_cycles).toBeCloseTo(fresh.trueCycles(), 0);
    // The aged pack's ohmic resistance grew by a quarter (its polarisation did not): some 15 % in all.
    const ratio = agedHealth.health.resistance_mohm[0]! / (await health(fresh)).health.resistance_mohm[0]!;
    expect(ratio).toBeGreaterThan(1.05);
    expect(ratio).toBeLessThan(1.3);
  });

  it('counts down the remaining life to 80 % with an interval that holds the truth', async () => {
    const life = (await health(aged)).health.remaining_life[0]!;
    const truth = (aged.trueStateOfHealth() - 0.8) / TRUE_FADE_PER_CYCLE;
    expect(Math.abs(life.cycles - truth) / truth).toBeLessThan(0.15);
    expect(life.cycles_low).toBeLessThan(truth);
    expect(life.cycles_high[0]).toBeGreaterThan(truth);
    expect(life.end_of_life_soh).toBe(0.8);
    // Days at the battery's own pace: its equivalent full cycles over the day and a half watched.
    const agedHealth = await health(aged);
    const days = Number(agedHealth.last_seen_ms - agedHealth.first_seen_ms) / 86_400_000;
    expect(life.days[0]!).toBeCloseTo(life.cycles / (agedHealth.equivalent_full_cycles / days), 6);
  });

  it('writes the state of health and cycle count back to leasing', async () => {
    await t.advance(1_000);
    for (const battery of [fresh, aged]) {
      const { battery: leased } = okOf(await t.leasing().get_battery(battery.tokenId));
      const soh = (await health(battery)).health.state_of_health[0]!;
      expect(Math.abs(leased.state_of_health_bp - soh * 10_000)).toBeLessThanOrEqual(60);
      expect(Math.abs(leased.state_of_health_bp / 10_000 - battery.trueStateOfHealth())).toBeLessThan(0.02);
    }
    expect(okOf(await t.leasing().get_battery(aged.tokenId)).battery.cycle_count).toBeGreaterThanOrEqual(500);
    const counts = new Map((await t.ai().status()).counts);
    expect([counts.get('leasing_reads_pending'), counts.get('leasing_writes_pending')]).toEqual([0n, 0n]);
  });

  it('raises low state of health under a model that asks for more', async () => {
    const params = (await t.ai().active_model()).params;
    okOf(await t.ai(t.admin).upload_model({ label: 'strict health', params: { ...params, state_of_health_low: { warning: 0.95, critical: 0.9 } }, activate: true }));
    await runFleet(t, [fresh, aged], { readings: 10 });
    expect(await t.anomaliesOf(fresh.tokenId)).toEqual([]);
    const [low] = await t.anomaliesOf(aged.tokenId);
    expect(low).toMatchObject({ kind: 'state_of_health_low', severity: { critical: null }, model_version: 'v2', evidence: { threshold: [0.9], unit: 'fraction' } });
    expect(low!.evidence.detail).toMatch(/^The battery holds 89\.\d % of its rated capacity, below 90 %\.$/);
  });
});
