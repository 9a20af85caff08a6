import { BatteryState } from '../battery/battery_state';

/** State of health by capacity: the estimated capacity over the rated one (undefined until a capacity is known). */
export function stateOfHealth(state: BatteryState): number | undefined {
  return Number.isFinite(state.capacityAh) && state.ratedCapacityAh > 0 ? state.capacityAh / state.ratedCapacityAh : undefined;
}

const FULL_HEALTH_BP = 10_000;

/** The state of health in basis points as leasing keeps it, capped at full health (undefined while unknown). */
export function stateOfHealthBp(state: BatteryState): number | undefined {
  const soh = stateOfHealth(state);
  return soh === undefined ? undefined : Math.min(FULL_HEALTH_BP, Math.max(0, Math.round(soh * FULL_HEALTH_BP)));
}

/** Resistance now over the resistance the battery started with (undefined until both are known). */
export function resistanceGrowth(state: BatteryState): number | undefined {
  return state.resistanceInitialMohm > 0 && Number.isFinite(state.resistanceMohm) ? state.resistanceMohm / state.resistanceInitialMohm : undefined;
}
