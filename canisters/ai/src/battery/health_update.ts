import { ModelParams } from '../model/model_params';
import { BatteryState } from './battery_state';
import { updateCapacity } from './capacity_estimator';
import { addFadePoint } from './fade_trend';
import { updateResistance } from './resistance_estimator';
import { Observation } from './state_update';

/** Capacity (and its fade trend) and resistance, learned from one summary after the state advanced over it. */
export function updateHealthEstimates(state: BatteryState, observation: Observation, model: ModelParams): void {
  const sample = updateCapacity(state, observation, model);
  if (sample !== undefined) {
    addFadePoint(state, sample.capacityAh / state.ratedCapacityAh);
  }
  updateResistance(state, observation, model);
}
