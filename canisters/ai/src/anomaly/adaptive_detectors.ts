import { BatteryState } from '../battery/battery_state';
import { Observation } from '../battery/state_update';
import { ModelParams } from '../model/model_params';
import { Finding } from './finding';
import { checkLevel, shown } from './level_check';

/**
 * The detectors that judge a battery against itself: its temperature against its own adaptive baseline (which
 * catches heating well below the fixed limits), and sensors that stopped changing while current flows.
 */
export function adaptiveFindings(state: BatteryState, observation: Observation, model: ModelParams): Finding[] {
  const { summary } = observation;
  const baseline = checkLevel('baseline_deviation', observation.baselineSigmas, model.baseline_sigma, 'rising', 'sigma', (value, limit) =>
    `The hottest sensor read ${shown(summary.temperatureDc.max / 10)} degrees, ${shown(value)} standard deviations above this ` +
    `battery's usual ${shown(observation.baselineMeanDc / 10)} degrees (limit ${shown(limit)}).`
  );
  const stuck = stuckFinding(state, model);
  return [baseline, stuck].filter((finding): finding is Finding => finding !== undefined);
}

function stuckFinding(state: BatteryState, model: ModelParams): Finding | undefined {
  const temperature = state.stuckTemperatureRun >= model.stuck_readings;
  const voltage = state.stuckVoltageRun >= model.stuck_readings;
  if (!temperature && !voltage) {
    return undefined;
  }
  const run = Math.max(temperature ? state.stuckTemperatureRun : 0, voltage ? state.stuckVoltageRun : 0);
  const what = temperature ? `the hottest temperature sensor held ${shown(state.lastTemperatureDc / 10)} degrees` : `the pack voltage held ${state.lastPackMv} mV`;
  return {
    kind: 'stuck_sensor',
    severity: 'warning',
    value: run,
    threshold: model.stuck_readings,
    unit: 'readings',
    detail: `Over ${run} readings under load ${what} without any change.`
  };
}
