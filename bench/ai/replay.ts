/**
 * Off-chain replay for fitting: a simulated battery's readings summarised the way telemetry summarises an ingest
 * call, then folded through ai's own estimator and detector modules (pure TypeScript, imported from the canister
 * source) to collect the statistics the detectors compare with their thresholds. Only the fitting uses this;
 * the evaluation runs the canister's wasm.
 */
import type { Reading } from '@chargex/bridge';

import { chargeSpread } from '../../canisters/ai/src/anomaly/imbalance_detector.js';
import { BatteryState, newBatteryState } from '../../canisters/ai/src/battery/battery_state.js';
import { lifetimeCycles } from '../../canisters/ai/src/battery/fade_trend.js';
import { updateHealthEstimates } from '../../canisters/ai/src/battery/health_update.js';
import { advanceState } from '../../canisters/ai/src/battery/state_update.js';
import { stateOfHealth } from '../../canisters/ai/src/health/state_of_health.js';
import { MetricView, Summary } from '../../canisters/ai/src/ingest/summary.js';
import { ModelParams } from '../../canisters/ai/src/model/model_params.js';
import { SimulatedBattery } from '../../test/ai/support/simulated_fleet.js';

/** The peaks of every detector statistic over a replay (from `fromReading` on), and the health estimates at its end. */
export interface ReplayStatistics {
  maxRiseDcPerMin: number;
  maxBaselineSigmas: number;
  maxChargeSpread: number;
  maxStuckRun: number;
  maxCellMv: number;
  minCellMv: number;
  maxTemperatureDc: number;
  maxCurrentA: number;
  maxSpreadMv: number;
  stateOfHealth: number | undefined;
  lifetimeCycles: number;
  /** Resistance as measured (activation zero in the replay's model) and the mean temperature it was taken at, K. */
  resistanceMohm: number;
  meanKelvin: number;
}

function metric(values: number[], scale = 1): MetricView {
  return {
    min: Math.min(...values) * scale,
    max: Math.max(...values) * scale,
    mean: (values.reduce((sum, value) => sum + value, 0) / values.length) * scale,
    last: values[values.length - 1]! * scale
  };
}

/** The summary telemetry hands to ai for these readings of one battery (one ingest call). */
export function summarize(readings: Reading[]): Summary {
  const cellsSum = readings.map((reading) => reading.cellsMv.reduce((sum, mv) => sum + mv, 0));
  return {
    fromMs: readings[0]!.timestampMs,
    toMs: readings[readings.length - 1]!.timestampMs,
    readings: readings.length,
    packMv: metric(cellsSum),
    cellMinMv: metric(readings.map((reading) => Math.min(...reading.cellsMv))),
    cellMaxMv: metric(readings.map((reading) => Math.max(...reading.cellsMv))),
    currentA: metric(readings.map((reading) => reading.currentCa), 0.01),
    temperatureDc: metric(readings.map((reading) => Math.max(...reading.temperaturesDc))),
    socPermille: metric(readings.map((reading) => reading.socPermille)),
    // Fitting does not use positions: geofences have no parameters to fit.
    position: undefined
  };
}

/**
 * Simulates `readings` readings a minute apart, summarised `perCall` at a time, through ai's modules with `model`;
 * `beforeSample` may inject faults. Peaks are taken from reading `fromReading` on (after a warm-up, or a fault).
 */
export function replay(
  battery: SimulatedBattery,
  model: ModelParams,
  options: { readings: number; perCall: number; fromReading?: number; beforeSample?: (index: number) => void }
): ReplayStatistics {
  const state: BatteryState = newBatteryState(battery.deviceId);
  state.ratedCapacityAh = model.default_rated_capacity_ah;
  state.baseCycles = battery.trueCycles();
  const stats: ReplayStatistics = {
    maxRiseDcPerMin: Number.NEGATIVE_INFINITY,
    maxBaselineSigmas: Number.NEGATIVE_INFINITY,
    maxChargeSpread: Number.NEGATIVE_INFINITY,
    maxStuckRun: 0,
    maxCellMv: 0,
    minCellMv: Number.POSITIVE_INFINITY,
    maxTemperatureDc: Number.NEGATIVE_INFINITY,
    maxCurrentA: 0,
    maxSpreadMv: 0,
    stateOfHealth: undefined,
    lifetimeCycles: 0,
    resistanceMohm: Number.NaN,
    meanKelvin: 0
  };
  let kelvinSum = 0;
  let buffer: Reading[] = [];
  const startMs = Date.UTC(2025, 0, 1);
  for (let i = 0; i < options.readings; i++) {
    options.beforeSample?.(i);
    buffer.push(battery.monitor.sample(startMs + i * 60_000, 60));
    if (buffer.length < options.perCall && i < options.readings - 1) {
      continue;
    }
    const summary = summarize(buffer);
    buffer = [];
    const observation = advanceState(state, summary, model);
    updateHealthEstimates(state, observation, model);
    kelvinSum += summary.temperatureDc.mean / 10 + 273.15;
    if (i < (options.fromReading ?? 0)) {
      continue;
    }
    stats.maxRiseDcPerMin = Math.max(stats.maxRiseDcPerMin, state.temperatureRiseDcPerMin);
    stats.maxBaselineSigmas = Math.max(stats.maxBaselineSigmas, Number.isNaN(observation.baselineSigmas) ? -Infinity : observation.baselineSigmas);
    stats.maxChargeSpread = Math.max(stats.maxChargeSpread, chargeSpread(state, summary, model)?.value ?? -Infinity);
    stats.maxStuckRun = Math.max(stats.maxStuckRun, state.stuckTemperatureRun, state.stuckVoltageRun);
    stats.maxCellMv = Math.max(stats.maxCellMv, summary.cellMaxMv.max);
    stats.minCellMv = Math.min(stats.minCellMv, summary.cellMinMv.min);
    stats.maxTemperatureDc = Math.max(stats.maxTemperatureDc, summary.temperatureDc.max);
    stats.maxCurrentA = Math.max(stats.maxCurrentA, Math.abs(summary.currentA.min), Math.abs(summary.currentA.max));
    stats.maxSpreadMv = Math.max(stats.maxSpreadMv, summary.cellMaxMv.last - summary.cellMinMv.last);
  }
  stats.stateOfHealth = stateOfHealth(state);
  stats.lifetimeCycles = lifetimeCycles(state);
  stats.resistanceMohm = state.resistanceMohm;
  stats.meanKelvin = kelvinSum / Math.max(1, state.handoffs);
  return stats;
}
