/** The simulator's battery physics and faults behave like a battery and a broken one. */
import { describe, expect, it } from 'vitest';
import { VirtualMonitor } from '@chargex/bridge';
import { Cell } from '../../bridge/src/simulator/battery/cell.js';
import { openCircuitVoltage, socFromVoltage } from '../../bridge/src/simulator/battery/ocv.js';
import { DEFAULT_PACK, Pack } from '../../bridge/src/simulator/battery/pack.js';
import { Random } from '../../bridge/src/simulator/random.js';

const LFP = DEFAULT_PACK.cell;

describe('battery model', () => {
  it('has rising OCV curves that invert', () => {
    for (const chemistry of ['LiFePO4', 'NMC'] as const) {
      let previous = 0;
      for (let soc = 0; soc <= 1; soc += 0.05) {
        const volts = openCircuitVoltage(chemistry, soc);
        expect(volts).toBeGreaterThan(previous);
        expect(socFromVoltage(chemistry, volts)).toBeCloseTo(soc, 6);
        previous = volts;
      }
    }
  });

  it('counts coulombs: one hour at C/2 moves half the charge', () => {
    const cell = new Cell(LFP, 0.9);
    for (let s = 0; s < 3_600; s++) cell.step(-LFP.capacityAh / 2, 1, 25);
    expect(cell.soc).toBeCloseTo(0.4, 2);
  });

  it('sags under load by the ohmic drop at once, then by the RC pair, and relaxes back at rest', () => {
    const cell = new Cell(LFP, 0.5);
    const ocv = openCircuitVoltage('LiFePO4', 0.5);
    const current = -50;
    expect(cell.terminalVoltage(current, 25)).toBeCloseTo(ocv + current * LFP.r0Ohm, 6);
    for (let s = 0; s < 300; s++) cell.step(current, 1, 25);
    const loaded = cell.terminalVoltage(current, 25);
    expect(ocv + current * LFP.r0Ohm - loaded).toBeGreaterThan(0.9 * -current * LFP.r1Ohm);
    for (let s = 0; s < 600; s++) cell.step(0, 1, 25);
    expect(cell.terminalVoltage(0, 25)).toBeCloseTo(openCircuitVoltage('LiFePO4', cell.soc), 4);
  });

  it('resists more when cold, loses capacity and gains resistance with cycles', () => {
    const cell = new Cell(LFP, 0.5);
    expect(cell.r0(-10)).toBeGreaterThan(cell.r0(25) * 2);
    const fresh = { capacity: cell.capacityAh, r0: cell.r0(25) };
    cell.throughputAh = 2 * LFP.capacityAh * 500;
    expect(cell.capacityAh).toBeCloseTo(fresh.capacity * 0.9, 6);
    expect(cell.r0(25)).toBeCloseTo(fresh.r0 * 1.25, 9);
  });

  it('warms with I²R heat toward the balance with cooling', () => {
    const pack = new Pack({ ...DEFAULT_PACK, initialSoc: 0.9, ambientC: 20, capacitySpread: 0 }, new Random(1));
    for (let s = 0; s < 3_600; s++) pack.step(-50, 1);
    const heatW = 16 * 50 * 50 * LFP.r0Ohm;
    expect(pack.temperatureC).toBeGreaterThan(21);
    expect(pack.temperatureC).toBeLessThan(20 + (heatW * 1.6) / DEFAULT_PACK.coolingWPerK);
  });

  it('makes a monitor report what its faults do: overheating, imbalance, a stuck probe', () => {
    const healthy = new VirtualMonitor({ deviceId: 'healthy', seed: 5 });
    const hot = new VirtualMonitor({ deviceId: 'hot', seed: 5 });
    const skewed = new VirtualMonitor({ deviceId: 'imbalanced', seed: 5 });
    const stuck = new VirtualMonitor({ deviceId: 'stuck', seed: 5 });
    hot.inject('overheating');
    skewed.inject('cell_imbalance');
    stuck.inject('stuck_sensor');
    const t0 = Date.now();
    let last = { healthy: healthy.sample(t0, 1), hot: hot.sample(t0, 1), skewed: skewed.sample(t0, 1), stuck: stuck.sample(t0, 1) };
    const firstStuck = last.stuck.temperaturesDc[0];
    for (let s = 1; s <= 1_800; s++) {
      last = { healthy: healthy.sample(t0 + s * 1000, 1), hot: hot.sample(t0 + s * 1000, 1), skewed: skewed.sample(t0 + s * 1000, 1), stuck: stuck.sample(t0 + s * 1000, 1) };
    }
    const spread = (cells: number[]) => Math.max(...cells) - Math.min(...cells);
    expect(last.hot.temperaturesDc[0]! - last.healthy.temperaturesDc[0]!).toBeGreaterThan(30);
    expect(spread(last.skewed.cellsMv)).toBeGreaterThan(spread(last.healthy.cellsMv) + 5);
    expect(last.stuck.temperaturesDc[0]).toBe(firstStuck);
    expect(last.stuck.temperaturesDc[1]).not.toBe(firstStuck);
  });

  it('buffers while its uplink is down and hands the backlog over afterwards', () => {
    const monitor = new VirtualMonitor({ deviceId: 'dropout', seed: 3, batchSize: 5 });
    monitor.inject('dropout');
    for (let s = 0; s < 12; s++) monitor.sample(Date.now() + s * 1000, 1);
    expect(monitor.takeBatch(Date.now())).toBeUndefined();
    monitor.clear('dropout');
    expect([monitor.takeBatch(Date.now())?.readings, monitor.takeBatch(Date.now())?.readings, monitor.takeBatch(Date.now(), true)?.readings]).toEqual([5, 5, 2]);
  });
});
