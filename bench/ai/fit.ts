/**
 * Fits ai's model parameters on simulated training fleets, off chain: healthy packs of every age (and faulty
 * ones, to check the thresholds leave room below what faults show) replayed through ai's own modules. What is
 * fitted: the adaptive detectors' warning levels (a margin over the worst a healthy pack shows), the stuck-run
 * length, the over-voltage warning, the resistance's activation temperature (log resistance over inverse
 * temperature across fresh packs at different ambients) and the fade prior (state of health over cycles).
 */
import { DEFAULT_MODEL } from '../../canisters/ai/src/model/default_model.js';
import { ModelParams } from '../../canisters/ai/src/model/model_params.js';
import { SimulatedBattery } from '../../test/ai/support/simulated_fleet.js';
import { replay, ReplayStatistics } from './replay.js';

/** Seeds of the training fleets; the evaluation uses others. */
export const TRAINING_SEED = 1_000;
const HEALTHY_PACKS = 24;
const MAX_AGE_CYCLES = 900;
const READINGS = 2 * 24 * 60;
const PER_CALL = 5;
/** Readings before the statistics count: the baseline's warm-up and the first rests. */
const WARM_UP = 240;
/** Healthy worst cases are multiplied by this to set a warning level. */
const MARGIN = 1.5;
/** Over-voltage warning above the highest cell a healthy pack reaches at the end of charge, millivolts. */
const OVER_VOLTAGE_CLEARANCE_MV = 75;

export const TRAINING_FAULTS = ['overheating', 'stuck_sensor', 'cell_imbalance'] as const;

/** What the fit found, for the report. */
export interface FitReport {
  healthy: Record<string, number>;
  faulty: Record<string, Record<string, number>>;
  fadePerCycle: number;
  fadeSd: number;
  activationK: number;
}

function worst(stats: ReplayStatistics[], pick: (s: ReplayStatistics) => number): number {
  return Math.max(...stats.map(pick).filter(Number.isFinite));
}

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxy = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
  const sxx = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  return sxy / sxx;
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

/** Fits the parameters; returns them (the rest as in the built-in model) and what the fit saw. */
export function fitModel(): { params: ModelParams; report: FitReport } {
  const unfitted: ModelParams = { ...DEFAULT_MODEL, resistance_activation_k: 0 };
  const healthy = Array.from({ length: HEALTHY_PACKS }, (_, i) => {
    const battery = SimulatedBattery.create(`train-${i}`, BigInt(i + 1), TRAINING_SEED + i, (i * MAX_AGE_CYCLES) / (HEALTHY_PACKS - 1));
    return { battery, stats: replay(battery, unfitted, { readings: READINGS, perCall: PER_CALL, fromReading: WARM_UP }) };
  });
  const stats = healthy.map((entry) => entry.stats);

  // Fresh packs at different ambient temperatures: resistance against inverse temperature.
  const fresh = healthy.filter(({ battery }) => battery.trueCycles() < 300);
  const activationK = slope(fresh.map(({ stats: s }) => [1 / s.meanKelvin, Math.log(s.resistanceMohm)]));
  // Fade: the state of health each pack shows against its cycles (a new pack starts at 1).
  const fades = healthy
    .filter(({ battery, stats: s }) => battery.trueCycles() >= 200 && s.stateOfHealth !== undefined)
    .map(({ stats: s }) => (1 - s.stateOfHealth!) / s.lifetimeCycles);
  const fadePerCycle = fades.reduce((sum, value) => sum + value, 0) / fades.length;
  const fadeSd = Math.sqrt(fades.reduce((sum, value) => sum + (value - fadePerCycle) ** 2, 0) / (fades.length - 1));

  const faulty: FitReport['faulty'] = {};
  TRAINING_FAULTS.forEach((fault, k) => {
    const battery = SimulatedBattery.create(`train-${fault}`, BigInt(100 + k), TRAINING_SEED + 100 + k, 300);
    const s = replay(battery, unfitted, { readings: READINGS / 2, perCall: PER_CALL, fromReading: 300, beforeSample: (i) => i === 300 && battery.monitor.inject(fault) });
    faulty[fault] = { rise: s.maxRiseDcPerMin, sigmas: s.maxBaselineSigmas, chargeSpread: s.maxChargeSpread, stuckRun: s.maxStuckRun };
  });

  const healthyWorst = {
    rise: worst(stats, (s) => s.maxRiseDcPerMin),
    sigmas: worst(stats, (s) => s.maxBaselineSigmas),
    chargeSpread: worst(stats, (s) => s.maxChargeSpread),
    stuckRun: worst(stats, (s) => s.maxStuckRun),
    cellMv: worst(stats, (s) => s.maxCellMv)
  };
  const riseWarning = round(Math.max(0.5, healthyWorst.rise * MARGIN), 1);
  const sigmaWarning = round(Math.max(3, healthyWorst.sigmas * MARGIN), 1);
  const spreadWarning = round(Math.max(0.05, healthyWorst.chargeSpread * MARGIN), 3);
  const params: ModelParams = {
    ...DEFAULT_MODEL,
    temperature_rise_dc_per_min: { warning: riseWarning, critical: round(riseWarning * 3, 1) },
    baseline_sigma: { warning: sigmaWarning, critical: round(sigmaWarning * 1.6, 1) },
    cell_imbalance_soc: { warning: spreadWarning, critical: round(spreadWarning * 2, 3) },
    stuck_readings: Math.max(30, Math.ceil(healthyWorst.stuckRun * 3)),
    // A physical limit: never below the datasheet's 3.65 V, and well clear of what healthy charging reaches.
    cell_over_voltage_mv: { ...DEFAULT_MODEL.cell_over_voltage_mv, warning: Math.max(3_650, Math.ceil((healthyWorst.cellMv + OVER_VOLTAGE_CLEARANCE_MV) / 10) * 10) },
    resistance_activation_k: Math.round(activationK),
    fade_per_cycle_prior: round(fadePerCycle, 7),
    fade_per_cycle_prior_sd: round(Math.max(fadeSd, fadePerCycle * 0.05), 7)
  };
  return { params, report: { healthy: healthyWorst, faulty, fadePerCycle, fadeSd, activationK } };
}
