import { named } from '@chargex/common';
import { IDL } from 'azle';

import { Anomaly, AnomalyIdl } from '../anomaly/anomaly';
import { AnomalyStore } from '../anomaly/anomaly_store';
import { ANOMALY_KINDS, kindBit } from '../anomaly/finding';
import { BatteryState, equivalentCycles } from '../battery/battery_state';
import { lifetimeCycles } from '../battery/fade_trend';
import { ModelParams } from '../model/model_params';
import { versionTag } from '../model/model_version';
import { RemainingLife, remainingLife, RemainingLifeIdl } from './remaining_life';
import { resistanceGrowth, stateOfHealth } from './state_of_health';

/** A battery's temperatures: latest, extremes, its adaptive baseline and the smoothed rise. */
export interface TemperatureView {
  last_dc: number;
  min_dc: number;
  max_dc: number;
  baseline_mean_dc: [] | [number];
  baseline_sigma_dc: [] | [number];
  rise_dc_per_min: number;
}

const TemperatureViewIdl = named(
  'TemperatureView',
  IDL.Record({
    last_dc: IDL.Float64,
    min_dc: IDL.Float64,
    max_dc: IDL.Float64,
    baseline_mean_dc: IDL.Opt(IDL.Float64),
    baseline_sigma_dc: IDL.Opt(IDL.Float64),
    rise_dc_per_min: IDL.Float64
  })
);

/** The latest reading's values. */
export interface LatestView {
  pack_mv: number;
  cell_min_mv: number;
  cell_max_mv: number;
  current_a: number;
  soc_permille: number;
}

const LatestViewIdl = named(
  'LatestView',
  IDL.Record({ pack_mv: IDL.Float64, cell_min_mv: IDL.Float64, cell_max_mv: IDL.Float64, current_a: IDL.Float64, soc_permille: IDL.Float64 })
);

/** Capacity, resistance and what they say about the battery's life. */
export interface HealthEstimate {
  /** Capacity by charge counting between rests, and its share of the rated capacity (state of health). */
  capacity_ah: [] | [number];
  state_of_health: [] | [number];
  capacity_samples: number;
  /** Cell resistance at 25 degrees, and now over when ai first measured it. */
  resistance_mohm: [] | [number];
  resistance_growth: [] | [number];
  resistance_samples: number;
  /** Cycles in the battery's life: leasing's count when ai first saw it plus those ai counted. */
  lifetime_cycles: number;
  remaining_life: [] | [RemainingLife];
}

const HealthEstimateIdl = named(
  'HealthEstimate',
  IDL.Record({
    capacity_ah: IDL.Opt(IDL.Float64),
    state_of_health: IDL.Opt(IDL.Float64),
    capacity_samples: IDL.Nat32,
    resistance_mohm: IDL.Opt(IDL.Float64),
    resistance_growth: IDL.Opt(IDL.Float64),
    resistance_samples: IDL.Nat32,
    lifetime_cycles: IDL.Float64,
    remaining_life: IDL.Opt(RemainingLifeIdl)
  })
);

/** What ai knows about one battery: usage, health estimates, temperatures, latest values and active anomalies. */
export interface BatteryHealth {
  battery_token_id: bigint;
  device_id: string;
  first_seen_ms: bigint;
  last_seen_ms: bigint;
  readings: bigint;
  cell_count: number;
  throughput_ah: number;
  charge_in_ah: number;
  charge_out_ah: number;
  equivalent_full_cycles: number;
  rated_capacity_ah: number;
  health: HealthEstimate;
  temperature: TemperatureView;
  latest: LatestView;
  active_anomalies: Anomaly[];
  anomalies_total: bigint;
  /** The model version of the latest update. */
  model_version: string;
}

/** Candid type of BatteryHealth. */
export const BatteryHealthIdl = named(
  'BatteryHealth',
  IDL.Record({
    battery_token_id: IDL.Nat,
    device_id: IDL.Text,
    first_seen_ms: IDL.Nat64,
    last_seen_ms: IDL.Nat64,
    readings: IDL.Nat64,
    cell_count: IDL.Nat32,
    throughput_ah: IDL.Float64,
    charge_in_ah: IDL.Float64,
    charge_out_ah: IDL.Float64,
    equivalent_full_cycles: IDL.Float64,
    rated_capacity_ah: IDL.Float64,
    health: HealthEstimateIdl,
    temperature: TemperatureViewIdl,
    latest: LatestViewIdl,
    active_anomalies: IDL.Vec(AnomalyIdl),
    anomalies_total: IDL.Nat64,
    model_version: IDL.Text
  })
);

function known(value: number): [] | [number] {
  return Number.isFinite(value) ? [value] : [];
}

function optional(value: number | undefined): [] | [number] {
  return value === undefined ? [] : [value];
}

/** The health estimates of a stored battery state, remaining life by `model`'s fade prior and end of life. */
export function healthEstimate(state: BatteryState, model: ModelParams): HealthEstimate {
  const soh = stateOfHealth(state);
  const life = soh === undefined ? undefined : remainingLife(state, soh, model);
  return {
    capacity_ah: known(state.capacityAh),
    state_of_health: optional(soh),
    capacity_samples: state.capacitySamples,
    resistance_mohm: known(state.resistanceMohm),
    resistance_growth: optional(resistanceGrowth(state)),
    resistance_samples: state.resistanceSamples,
    lifetime_cycles: lifetimeCycles(state),
    remaining_life: life === undefined ? [] : [life]
  };
}

/** The health view of a stored battery state. */
export function batteryHealth(tokenId: bigint, state: BatteryState, anomalies: AnomalyStore, model: ModelParams): BatteryHealth {
  const active = ANOMALY_KINDS.filter((kind) => (state.activeMask & kindBit(kind)) !== 0)
    .map((kind) => anomalies.activeOf(tokenId, kind))
    .filter((anomaly): anomaly is Anomaly => anomaly !== undefined);
  return {
    battery_token_id: tokenId,
    device_id: state.deviceId,
    first_seen_ms: BigInt(state.firstSeenMs),
    last_seen_ms: BigInt(state.lastSeenMs),
    readings: BigInt(state.readings),
    cell_count: state.cellCount,
    throughput_ah: state.throughputAh,
    charge_in_ah: state.chargeInAh,
    charge_out_ah: state.chargeOutAh,
    equivalent_full_cycles: equivalentCycles(state),
    rated_capacity_ah: state.ratedCapacityAh,
    health: healthEstimate(state, model),
    temperature: {
      last_dc: state.lastTemperatureDc,
      min_dc: state.temperatureMinDc,
      max_dc: state.temperatureMaxDc,
      baseline_mean_dc: known(state.baselineMeanDc),
      baseline_sigma_dc: known(Math.sqrt(state.baselineVarDc2)),
      rise_dc_per_min: state.temperatureRiseDcPerMin
    },
    latest: {
      pack_mv: state.lastPackMv,
      cell_min_mv: state.lastCellMinMv,
      cell_max_mv: state.lastCellMaxMv,
      current_a: state.lastCurrentA,
      soc_permille: state.lastSocPermille
    },
    active_anomalies: active,
    anomalies_total: BigInt(state.anomalyCount),
    model_version: versionTag(state.modelVersion)
  };
}
