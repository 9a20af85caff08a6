import { CommonError, invalidArgument } from '@chargex/common';

import { Level, ModelParams } from './model_params';

/** Most points an OCV curve may have. */
const MAX_OCV_POINTS = 64;

type Bounds = [min: number, max: number];

/** Plausible ranges: a value outside one is a unit mistake (volts for millivolts, minutes for seconds). */
const NUMBER_BOUNDS: Partial<Record<keyof ModelParams, Bounds>> = {
  cell_voltage_noise_mv: [0.1, 100],
  temperature_rise_tau_s: [10, 86_400],
  baseline_tau_s: [60, 30 * 86_400],
  baseline_warmup_readings: [1, 1_000_000],
  baseline_min_sigma_dc: [0.1, 500],
  stuck_readings: [3, 1_000_000],
  missing_after_s: [10, 30 * 86_400],
  clear_after_s: [0, 86_400],
  rest_current_a: [0, 100],
  rest_min_s: [0, 86_400],
  capacity_min_swing: [0.05, 1],
  estimate_gain: [0.001, 1],
  resistance_min_swing_a: [0.1, 2_000],
  resistance_activation_k: [0, 20_000],
  default_rated_capacity_ah: [0.1, 100_000],
  fade_per_cycle_prior: [0, 0.1],
  fade_per_cycle_prior_sd: [0, 0.1],
  end_of_life_soh: [0.1, 1]
};

/** Levels where lower is worse: their critical level must not lie above the warning level. */
const FALLING_LEVELS = new Set<keyof ModelParams>(['cell_under_voltage_mv', 'state_of_health_low']);

const LEVEL_BOUNDS: Partial<Record<keyof ModelParams, Bounds>> = {
  cell_over_voltage_mv: [500, 6_000],
  cell_under_voltage_mv: [0, 5_000],
  over_temperature_dc: [-400, 1_500],
  over_current_a: [0.1, 5_000],
  cell_imbalance_mv: [1, 5_000],
  cell_imbalance_soc: [0.005, 1],
  temperature_rise_dc_per_min: [0.1, 1_000],
  baseline_sigma: [1, 100],
  state_of_health_low: [0, 1]
};

/** The first problem of an uploaded parameter set, or undefined when every field is usable. */
export function modelParamsProblem(params: ModelParams): CommonError | undefined {
  for (const [field, bounds] of Object.entries(LEVEL_BOUNDS) as Array<[keyof ModelParams, Bounds]>) {
    const problem = levelProblem(field, params[field] as Level, bounds);
    if (problem !== undefined) {
      return problem;
    }
  }
  for (const [field, [min, max]] of Object.entries(NUMBER_BOUNDS) as Array<[keyof ModelParams, Bounds]>) {
    const value = params[field] as number;
    if (!Number.isFinite(value) || value < min || value > max) {
      return invalidArgument(field, `must be a number from ${min} to ${max}`);
    }
  }
  if (params.fade_per_cycle_prior_sd <= 0 && params.fade_per_cycle_prior <= 0) {
    return invalidArgument('fade_per_cycle_prior', 'must be above 0 unless its standard deviation is');
  }
  return ocvProblem(params);
}

function levelProblem(field: keyof ModelParams, level: Level, [min, max]: Bounds): CommonError | undefined {
  const { warning, critical } = level;
  if (![warning, critical].every((value) => Number.isFinite(value) && value >= min && value <= max)) {
    return invalidArgument(field, `levels must be numbers from ${min} to ${max}`);
  }
  const falling = FALLING_LEVELS.has(field);
  if (falling ? critical > warning : critical < warning) {
    return invalidArgument(field, `the critical level must lie ${falling ? 'below' : 'above'} the warning level or equal it`);
  }
  return undefined;
}

function ocvProblem(params: ModelParams): CommonError | undefined {
  const curve = params.ocv_curve;
  if (curve.length < 2 || curve.length > MAX_OCV_POINTS) {
    return invalidArgument('ocv_curve', `must have 2 to ${MAX_OCV_POINTS} points`);
  }
  for (let i = 0; i < curve.length; i++) {
    const { soc, cell_mv } = curve[i];
    if (!Number.isFinite(soc) || !Number.isFinite(cell_mv) || soc < 0 || soc > 1 || cell_mv <= 0 || cell_mv > 6_000) {
      return invalidArgument('ocv_curve', `point ${i} must have a state of charge from 0 to 1 and a voltage from 0 to 6000 mV`);
    }
    if (i > 0 && (soc <= curve[i - 1].soc || cell_mv <= curve[i - 1].cell_mv)) {
      return invalidArgument('ocv_curve', `point ${i} must lie above point ${i - 1} in both state of charge and voltage`);
    }
  }
  return undefined;
}
