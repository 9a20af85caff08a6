import { named } from '@chargex/common';
import { IDL } from 'azle';

/** A threshold with two levels: crossing `warning` raises a warning, crossing `critical` a critical anomaly. */
export interface Level {
  warning: number;
  critical: number;
}

/** Candid type of Level. */
export const LevelIdl = named('Level', IDL.Record({ warning: IDL.Float64, critical: IDL.Float64 }));

/** One point of a cell's open-circuit voltage curve: state of charge (0 to 1) and cell voltage in millivolts. */
export interface OcvPoint {
  soc: number;
  cell_mv: number;
}

/** Candid type of OcvPoint. */
export const OcvPointIdl = named('OcvPoint', IDL.Record({ soc: IDL.Float64, cell_mv: IDL.Float64 }));

/**
 * The parameters of every estimate and detector: what admins upload as a model version. Units are in the names
 * (`_mv` millivolts, `_dc` tenths of a degree Celsius, `_a` amperes, `_s` seconds). Defaults, and how they were
 * fitted on simulated fleets, are in default_model.ts.
 */
export interface ModelParams {
  /** Highest cell voltage (over voltage), lowest cell voltage (under voltage): cell millivolts. */
  cell_over_voltage_mv: Level;
  cell_under_voltage_mv: Level;
  /** Hottest sensor, tenths of a degree. */
  over_temperature_dc: Level;
  /** Pack current either way, amperes. */
  over_current_a: Level;
  /** Spread between the highest and the lowest cell of one reading, millivolts: a hard limit at any charge. */
  cell_imbalance_mv: Level;
  /**
   * Spread between the cells' states of charge (each from its voltage on the OCV curve, after the resistive drop)
   * less what the voltage noise could explain: the imbalance measure that does not mistake a healthy pack near
   * empty, where the curve is steep and millivolts of spread are normal, for a faulty one.
   */
  cell_imbalance_soc: Level;
  /** Uncertainty of one cell voltage reading, millivolts (sets how little a flat OCV stretch can tell). */
  cell_voltage_noise_mv: number;
  /** Smoothed rise of the hottest sensor, tenths of a degree per minute. */
  temperature_rise_dc_per_min: Level;
  /** Time constant of that smoothing, seconds. */
  temperature_rise_tau_s: number;
  /** Standard deviations above a battery's own temperature baseline. */
  baseline_sigma: Level;
  /** Time constant of the baselines, seconds; readings before `baseline_warmup_readings` only teach them. */
  baseline_tau_s: number;
  baseline_warmup_readings: number;
  /** Floor of a baseline's standard deviation, tenths of a degree (a quiet battery is not infinitely sensitive). */
  baseline_min_sigma_dc: number;
  /** Readings under load with a sensor value that never changes before it counts as stuck. */
  stuck_readings: number;
  /** Seconds without data from a battery before its data counts as missing. */
  missing_after_s: number;
  /** Seconds a condition must stay absent before its anomaly is cleared. */
  clear_after_s: number;
  /** Current below which (either way) a battery is at rest, amperes; rest needed before a voltage is an OCV. */
  rest_current_a: number;
  rest_min_s: number;
  /** Cell open-circuit voltage against state of charge, ascending in both. */
  ocv_curve: OcvPoint[];
  /** Smallest state-of-charge swing between two rests that yields a capacity estimate. */
  capacity_min_swing: number;
  /** Weight of a new capacity or resistance estimate in the running estimate (0 to 1). */
  estimate_gain: number;
  /** Smallest current swing within one summary that yields a resistance estimate, amperes. */
  resistance_min_swing_a: number;
  /** Arrhenius activation temperature of the resistance, kelvin (resistance is reported at 25 degrees). */
  resistance_activation_k: number;
  /** Rated capacity of a battery whose rating leasing does not give, ampere-hours. */
  default_rated_capacity_ah: number;
  /** Prior of the capacity fade per equivalent full cycle (fraction of rated capacity) and its standard deviation. */
  fade_per_cycle_prior: number;
  fade_per_cycle_prior_sd: number;
  /** State of health at which a battery's life ends (remaining useful life counts down to it). */
  end_of_life_soh: number;
  /** State of health below which a battery is reported (warning) and must be replaced (critical), as fractions. */
  state_of_health_low: Level;
}

/** The candid field types of ModelParams. */
const MODEL_PARAM_FIELDS: Record<keyof ModelParams, IDL.Type> = {
  cell_over_voltage_mv: LevelIdl,
  cell_under_voltage_mv: LevelIdl,
  over_temperature_dc: LevelIdl,
  over_current_a: LevelIdl,
  cell_imbalance_mv: LevelIdl,
  cell_imbalance_soc: LevelIdl,
  cell_voltage_noise_mv: IDL.Float64,
  temperature_rise_dc_per_min: LevelIdl,
  temperature_rise_tau_s: IDL.Float64,
  baseline_sigma: LevelIdl,
  baseline_tau_s: IDL.Float64,
  baseline_warmup_readings: IDL.Nat32,
  baseline_min_sigma_dc: IDL.Float64,
  stuck_readings: IDL.Nat32,
  missing_after_s: IDL.Nat32,
  clear_after_s: IDL.Nat32,
  rest_current_a: IDL.Float64,
  rest_min_s: IDL.Nat32,
  ocv_curve: IDL.Vec(OcvPointIdl),
  capacity_min_swing: IDL.Float64,
  estimate_gain: IDL.Float64,
  resistance_min_swing_a: IDL.Float64,
  resistance_activation_k: IDL.Float64,
  default_rated_capacity_ah: IDL.Float64,
  fade_per_cycle_prior: IDL.Float64,
  fade_per_cycle_prior_sd: IDL.Float64,
  end_of_life_soh: IDL.Float64,
  state_of_health_low: LevelIdl
};

/** Candid type of ModelParams. */
export const ModelParamsIdl = named('ModelParams', IDL.Record(MODEL_PARAM_FIELDS));

/** Fields added by schema 2: model versions stored before it lack them. */
export const FIELDS_ADDED_IN_SCHEMA_2 = ['cell_imbalance_soc', 'cell_voltage_noise_mv'] as const;

/** Candid type of the parameters as schema 1 stored them (read once, by the migration to schema 2). */
export const ModelParamsV1Idl = IDL.Record(
  Object.fromEntries(Object.entries(MODEL_PARAM_FIELDS).filter(([field]) => !(FIELDS_ADDED_IN_SCHEMA_2 as readonly string[]).includes(field)))
);
