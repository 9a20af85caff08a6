import { ModelParams } from '../model/model_params';
import { BatteryState } from './battery_state';
import { ocvSlope, socFromOcv } from './ocv';
import { Observation } from './state_update';

/**
 * Flattest OCV slope at which a rested voltage still pins the state of charge down, mV per unit of state of
 * charge: at 200, a millivolt of error is half a percent of charge.
 */
const MIN_ANCHOR_SLOPE_MV = 200;
/** A capacity sample outside this band around the rating is a broken measurement, not a battery. */
const PLAUSIBLE_CAPACITY = [0.3, 1.5] as const;

/** A capacity measured from one swing between two rests. */
export interface CapacitySample {
  capacityAh: number;
  swing: number;
}

/**
 * Capacity by charge counting between rests: at a rest long enough for the polarisation to decay, the cell
 * voltage is its open-circuit voltage and the OCV curve gives the true state of charge (not the monitor's
 * estimate, which counts against the rated capacity). Between two such anchors far enough apart, the charge
 * counted divided by the change in state of charge is the capacity. Anchors only count where the curve is steep
 * enough to resolve the state of charge; a gap in the data drops the anchor (its charge count is incomplete).
 * Returns the sample this summary produced, if any; the state keeps the smoothed capacity.
 */
export function updateCapacity(state: BatteryState, observation: Observation, model: ModelParams): CapacitySample | undefined {
  const { summary } = observation;
  if (!observation.contiguous) {
    state.anchorSoc = Number.NaN;
    state.restSinceMs = Number.NaN;
  }
  const resting = Math.max(Math.abs(summary.currentA.min), Math.abs(summary.currentA.max)) <= model.rest_current_a;
  if (!resting) {
    // A summary ending at rest: the rest began at its last reading at the latest.
    state.restSinceMs = Math.abs(summary.currentA.last) <= model.rest_current_a ? summary.toMs : Number.NaN;
    return undefined;
  }
  if (Number.isNaN(state.restSinceMs)) {
    // A previous summary that ended at rest set the start already; otherwise the rest began within this one.
    state.restSinceMs = summary.fromMs;
  }
  if (summary.toMs - state.restSinceMs < model.rest_min_s * 1_000 || !(state.cellCount >= 1)) {
    return undefined;
  }
  const cellMv = summary.packMv.last / state.cellCount;
  const soc = socFromOcv(model.ocv_curve, cellMv);
  if (ocvSlope(model.ocv_curve, soc) < MIN_ANCHOR_SLOPE_MV) {
    return undefined;
  }
  const sample = sampleFromAnchor(state, soc, model);
  state.anchorSoc = soc;
  state.anchorChargeAh = state.netChargeAh;
  return sample;
}

function sampleFromAnchor(state: BatteryState, soc: number, model: ModelParams): CapacitySample | undefined {
  const swing = Math.abs(soc - state.anchorSoc);
  if (Number.isNaN(swing) || swing < model.capacity_min_swing) {
    return undefined;
  }
  const capacityAh = Math.abs(state.netChargeAh - state.anchorChargeAh) / swing;
  const ratio = capacityAh / state.ratedCapacityAh;
  if (!(ratio >= PLAUSIBLE_CAPACITY[0] && ratio <= PLAUSIBLE_CAPACITY[1])) {
    return undefined;
  }
  state.capacityAh = Number.isNaN(state.capacityAh) ? capacityAh : state.capacityAh + model.estimate_gain * (capacityAh - state.capacityAh);
  state.capacitySamples += 1;
  return { capacityAh, swing };
}
