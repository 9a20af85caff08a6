import { BatteryState } from '../battery/battery_state';
import { Observation } from '../battery/state_update';
import { peakCurrentA } from '../ingest/summary';
import { ModelParams } from '../model/model_params';
import { Finding } from './finding';
import { imbalanceFinding } from './imbalance_detector';
import { checkLevel, shown } from './level_check';

/**
 * The limit detectors: cell over and under voltage, over temperature, over current, cell imbalance and a
 * fast temperature rise, each judged on one summary against the active model's two levels.
 */
export function limitFindings(state: BatteryState, observation: Observation, model: ModelParams): Finding[] {
  const { summary } = observation;
  const findings = [
    checkLevel('over_voltage', summary.cellMaxMv.max, model.cell_over_voltage_mv, 'rising', 'mV', (value, limit) =>
      `The highest cell reached ${value} mV, above the limit of ${limit} mV.`
    ),
    checkLevel('under_voltage', summary.cellMinMv.min, model.cell_under_voltage_mv, 'falling', 'mV', (value, limit) =>
      `The lowest cell fell to ${value} mV, below the limit of ${limit} mV.`
    ),
    checkLevel('over_temperature', summary.temperatureDc.max, model.over_temperature_dc, 'rising', 'dC', (value, limit) =>
      `The hottest sensor read ${shown(value / 10)} degrees, above the limit of ${shown(limit / 10)} degrees.`
    ),
    checkLevel('over_current', peakCurrentA(summary), model.over_current_a, 'rising', 'A', (value, limit) =>
      `The pack current reached ${shown(value)} A, above the limit of ${shown(limit)} A.`
    ),
    imbalanceFinding(state, summary, model),
    checkLevel('fast_temperature_rise', state.temperatureRiseDcPerMin, model.temperature_rise_dc_per_min, 'rising', 'dC/min', (value, limit) =>
      `The temperature rose by ${shown(value * 6)} degrees an hour, faster than the limit of ${shown(limit * 6)} degrees an hour.`
    )
  ];
  return findings.filter((finding): finding is Finding => finding !== undefined);
}
