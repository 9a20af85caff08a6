import { BatteryState } from '../battery/battery_state';
import { stateOfHealth } from '../health/state_of_health';
import { ModelParams } from '../model/model_params';
import { Finding } from './finding';
import { checkLevel, shown } from './level_check';

/** The state-of-health detector: a capacity estimate below the model's levels (undefined while none is known). */
export function healthFinding(state: BatteryState, model: ModelParams): Finding | undefined {
  const soh = stateOfHealth(state);
  return soh === undefined
    ? undefined
    : checkLevel('state_of_health_low', soh, model.state_of_health_low, 'falling', 'fraction', (value, limit) =>
        `The battery holds ${shown(value * 100)} % of its rated capacity, below ${shown(limit * 100)} %.`
      );
}
