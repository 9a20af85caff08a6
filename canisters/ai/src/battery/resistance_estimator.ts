import { ModelParams } from '../model/model_params';
import { BatteryState } from './battery_state';
import { Observation } from './state_update';

/** Samples averaged into the resistance a battery started with (what its growth is measured against). */
const INITIAL_SAMPLES = 20;
const KELVIN_AT_25C = 298.15;

/**
 * Cell resistance from the voltage response to current changes: within one summary of a discharge under a
 * varying load, the pack voltage's range over the current's range is the resistance the load sees (ohmic plus
 * the part of the polarisation that follows within a sampling interval), per cell. It is brought to 25 degrees
 * with the Arrhenius law of the model, then smoothed; its first samples set the battery's initial resistance,
 * so growth compares the battery with itself under the same method.
 */
export function updateResistance(state: BatteryState, observation: Observation, model: ModelParams): void {
  const { summary } = observation;
  const swingA = summary.currentA.max - summary.currentA.min;
  const discharging = summary.currentA.max < -model.rest_current_a;
  if (!discharging || swingA < model.resistance_min_swing_a || !(state.cellCount >= 1) || summary.readings < 2) {
    return;
  }
  const measuredMohm = (summary.packMv.max - summary.packMv.min) / swingA / state.cellCount;
  const kelvin = summary.temperatureDc.mean / 10 + 273.15;
  const at25Mohm = measuredMohm * Math.exp(-model.resistance_activation_k * (1 / kelvin - 1 / KELVIN_AT_25C));
  if (!(at25Mohm > 0) || !Number.isFinite(at25Mohm)) {
    return;
  }
  const samples = state.resistanceSamples;
  state.resistanceMohm = samples === 0 ? at25Mohm : state.resistanceMohm + model.estimate_gain * (at25Mohm - state.resistanceMohm);
  if (samples < INITIAL_SAMPLES) {
    state.resistanceInitialMohm = samples === 0 ? at25Mohm : state.resistanceInitialMohm + (at25Mohm - state.resistanceInitialMohm) / (samples + 1);
  }
  state.resistanceSamples = samples + 1;
}
