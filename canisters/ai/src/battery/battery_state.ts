/**
 * Everything ai keeps per battery between hand-offs, as plain numbers (NaN where nothing is known yet). The
 * field order is the stored order (state_codec.ts): fields may only be appended.
 */
export const STATE_FIELDS = [
  /** Device time (ms) of the first and the latest reading seen; IC time (ms) of the latest hand-off. */
  'firstSeenMs',
  'lastSeenMs',
  'lastArrivalMs',
  'handoffs',
  'readings',
  /** Charge moved either way, charged in and taken out, ampere-hours. */
  'throughputAh',
  'chargeInAh',
  'chargeOutAh',
  /** The latest reading's values. */
  'lastCurrentA',
  'lastPackMv',
  'lastCellMinMv',
  'lastCellMaxMv',
  'lastTemperatureDc',
  'lastSocPermille',
  /** Cells in series, from pack voltage over mean cell voltage. */
  'cellCount',
  /** Coldest and hottest temperature ever seen, tenths of a degree. */
  'temperatureMinDc',
  'temperatureMaxDc',
  /** Smoothed rise of the hottest sensor, tenths of a degree per minute. */
  'temperatureRiseDcPerMin',
  /** Adaptive temperature baseline: smoothed mean and variance, and how many readings taught it. */
  'baselineMeanDc',
  'baselineVarDc2',
  'baselineReadings',
  /** Readings under load in a row whose temperature, or pack voltage, did not change. */
  'stuckTemperatureRun',
  'stuckVoltageRun',
  /** Bit per anomaly kind that is active now; anomalies ever raised for this battery. */
  'activeMask',
  'anomalyCount',
  /** The model version of the latest update. */
  'modelVersion',
  /** Rest tracking for capacity: since when at rest (device ms), and the last rested point (OCV SoC, charge). */
  'restSinceMs',
  'netChargeAh',
  'anchorSoc',
  'anchorChargeAh',
  /** Capacity estimate (ampere-hours at the cells' mean) and how many swings made it. */
  'capacityAh',
  'capacitySamples',
  /** Resistance per cell at 25 degrees, milliohms: running estimate, its first estimates' mean, sample count. */
  'resistanceMohm',
  'resistanceInitialMohm',
  'resistanceSamples',
  /** Rated capacity (Ah) and the cycle count leasing knew when ai first saw the battery. */
  'ratedCapacityAh',
  'baseCycles',
  /** Sufficient statistics of state of health against equivalent full cycles, for the fade trend. */
  'fadeN',
  'fadeSx',
  'fadeSy',
  'fadeSxx',
  'fadeSxy',
  'fadeSyy',
  /** What was last written to leasing: state of health (basis points) and cycle count. */
  'writtenSohBp',
  'writtenCycles',
  /** Whether leasing holds this battery: NaN until asked, then 1 (it does) or 0 (it does not). */
  'inLeasing'
] as const;

/** A numeric field of the battery state. */
export type StateField = (typeof STATE_FIELDS)[number];

/** One battery's state: the device that reports for it, and the numbers above. */
export type BatteryState = { deviceId: string } & Record<StateField, number>;

/** Fields that start at zero rather than unknown. */
const ZERO_FIELDS = new Set<StateField>([
  'handoffs',
  'readings',
  'throughputAh',
  'chargeInAh',
  'chargeOutAh',
  'temperatureRiseDcPerMin',
  'baselineReadings',
  'stuckTemperatureRun',
  'stuckVoltageRun',
  'activeMask',
  'anomalyCount',
  'netChargeAh',
  'capacitySamples',
  'resistanceSamples',
  'fadeN',
  'fadeSx',
  'fadeSy',
  'fadeSxx',
  'fadeSxy',
  'fadeSyy'
]);

/** The default of a field in a new state, or in a state stored before the field existed. */
export function fieldDefault(field: StateField): number {
  return ZERO_FIELDS.has(field) ? 0 : Number.NaN;
}

/** The state of a battery seen for the first time. */
export function newBatteryState(deviceId: string): BatteryState {
  const state = { deviceId } as BatteryState;
  for (const field of STATE_FIELDS) {
    state[field] = fieldDefault(field);
  }
  return state;
}

/** Equivalent full cycles ai counted: charge moved either way over twice the rated capacity. */
export function equivalentCycles(state: BatteryState): number {
  return state.ratedCapacityAh > 0 ? state.throughputAh / (2 * state.ratedCapacityAh) : 0;
}
