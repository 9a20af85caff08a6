import { named } from '@chargex/common';
import { IDL } from 'azle';

import { BatteryState, equivalentCycles } from '../battery/battery_state';
import { fadeEstimate } from '../battery/fade_trend';
import { ModelParams } from '../model/model_params';

/** Normal quantile of the two-sided 90 % interval. */
const Z_90 = 1.645;
const MS_PER_DAY = 86_400_000;
/** Days a battery must be watched before its cycles per day say anything. */
const MIN_DAYS_OBSERVED = 1;

/** Remaining useful life until the model's end-of-life state of health, with a 90 % interval. */
export interface RemainingLife {
  cycles: number;
  cycles_low: number;
  /** None when the fade rate could be zero (the interval has no upper end). */
  cycles_high: [] | [number];
  /** Days at the battery's own cycles per day, once it has been watched for a day. */
  days: [] | [number];
  days_low: [] | [number];
  days_high: [] | [number];
  fade_per_cycle: number;
  fade_per_cycle_sd: number;
  end_of_life_soh: number;
}

/** Candid type of RemainingLife. */
export const RemainingLifeIdl = named(
  'RemainingLife',
  IDL.Record({
    cycles: IDL.Float64,
    cycles_low: IDL.Float64,
    cycles_high: IDL.Opt(IDL.Float64),
    days: IDL.Opt(IDL.Float64),
    days_low: IDL.Opt(IDL.Float64),
    days_high: IDL.Opt(IDL.Float64),
    fade_per_cycle: IDL.Float64,
    fade_per_cycle_sd: IDL.Float64,
    end_of_life_soh: IDL.Float64
  })
);

/**
 * Cycles (and days) until the state of health falls to the end of life: the headroom over the fade rate. The
 * interval combines the uncertainty of the current state of health (a sample's spread, reduced by the smoothing)
 * with that of the rate, each at the 90 % level.
 */
export function remainingLife(state: BatteryState, stateOfHealth: number, model: ModelParams): RemainingLife | undefined {
  const fade = fadeEstimate(state, model);
  if (!(fade.perCycle > 0)) {
    // The battery's own samples say it is not fading: no finite life to count down.
    return undefined;
  }
  const eol = model.end_of_life_soh;
  const gain = model.estimate_gain;
  const sohSd = fade.sampleSd * Math.sqrt(gain / (2 - gain));
  const headroom = (soh: number) => Math.max(0, soh - eol);
  const rateLow = fade.perCycle - Z_90 * fade.sd;
  const rateHigh = fade.perCycle + Z_90 * fade.sd;
  const cycles = headroom(stateOfHealth) / fade.perCycle;
  const cyclesLow = headroom(stateOfHealth - Z_90 * sohSd) / rateHigh;
  const cyclesHigh = rateLow > 0 ? headroom(stateOfHealth + Z_90 * sohSd) / rateLow : Number.POSITIVE_INFINITY;
  const perDay = cyclesPerDay(state);
  const inDays = (value: number): [] | [number] => (perDay === undefined || !Number.isFinite(value) ? [] : [value / perDay]);
  return {
    cycles,
    cycles_low: cyclesLow,
    cycles_high: Number.isFinite(cyclesHigh) ? [cyclesHigh] : [],
    days: inDays(cycles),
    days_low: inDays(cyclesLow),
    days_high: inDays(cyclesHigh),
    fade_per_cycle: fade.perCycle,
    fade_per_cycle_sd: fade.sd,
    end_of_life_soh: eol
  };
}

function cyclesPerDay(state: BatteryState): number | undefined {
  const days = (state.lastSeenMs - state.firstSeenMs) / MS_PER_DAY;
  const counted = equivalentCycles(state);
  return days >= MIN_DAYS_OBSERVED && counted > 0 ? counted / days : undefined;
}
