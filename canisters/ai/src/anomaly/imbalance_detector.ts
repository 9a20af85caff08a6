import { BatteryState } from '../battery/battery_state';
import { ocvSlope, socFromOcv } from '../battery/ocv';
import { Summary } from '../ingest/summary';
import { ModelParams } from '../model/model_params';
import { Finding } from './finding';
import { checkLevel, shown } from './level_check';

/**
 * Highest current, as a fraction of the rated capacity per hour, at which cells are placed on the OCV curve:
 * under more load the polarisation the resistive correction leaves over dwarfs a few percent of charge.
 */
const MAX_C_RATE_FOR_CHARGE_SPREAD = 0.1;

/**
 * Cell imbalance, two ways, the worse one counting. In millivolts: the spread of the latest reading (and the
 * mean spread) against a hard limit. In state of charge: the highest and the lowest cell of the latest reading
 * each placed on the OCV curve after taking off the resistive drop of the current, their distance less what the
 * voltage noise could explain where the curve is that flat, judged only at low current (up to C/10). Near
 * empty a healthy pack's cells lie tens of millivolts apart because the curve is steep there; in state of
 * charge they lie a few percent apart, while a cell that really lost charge lies ten or more.
 */
export function imbalanceFinding(state: BatteryState, summary: Summary, model: ModelParams): Finding | undefined {
  const spreadMv = Math.max(summary.cellMaxMv.last - summary.cellMinMv.last, summary.cellMaxMv.mean - summary.cellMinMv.mean);
  const byVoltage = checkLevel('cell_imbalance', spreadMv, model.cell_imbalance_mv, 'rising', 'mV', (value, limit) =>
    `The cells of one reading lay ${shown(value)} mV apart, more than the limit of ${shown(limit)} mV.`
  );
  const socSpread = chargeSpread(state, summary, model) ?? { value: Number.NaN, low: 0, high: 0 };
  const byCharge = checkLevel('cell_imbalance', socSpread.value, model.cell_imbalance_soc, 'rising', 'fraction', (value, limit) =>
    `The weakest and the strongest cell lay ${shown(value * 100)} % of charge apart beyond what noise explains ` +
    `(${shown(socSpread.low * 100)} % and ${shown(socSpread.high * 100)} %), more than the limit of ${shown(limit * 100)} %.`
  );
  if (byVoltage === undefined || byCharge === undefined) {
    return byVoltage ?? byCharge;
  }
  return byCharge.severity === 'critical' && byVoltage.severity !== 'critical' ? byCharge : byVoltage;
}

/**
 * The cells' spread in state of charge beyond what noise explains, and where the lowest and the highest cell lie;
 * undefined when the latest reading was taken under more than C/10.
 */
export function chargeSpread(state: BatteryState, summary: Summary, model: ModelParams): { value: number; low: number; high: number } | undefined {
  if (Math.abs(summary.currentA.last) > MAX_C_RATE_FOR_CHARGE_SPREAD * state.ratedCapacityAh) {
    return undefined;
  }
  const resistanceMohm = Number.isFinite(state.resistanceMohm) ? state.resistanceMohm : 0;
  // Current is positive while charging, when a cell reads its OCV plus the drop over its resistance.
  const dropMv = summary.currentA.last * resistanceMohm;
  const curve = model.ocv_curve;
  const low = socFromOcv(curve, summary.cellMinMv.last - dropMv);
  const high = socFromOcv(curve, summary.cellMaxMv.last - dropMv);
  const noise = model.cell_voltage_noise_mv * (1 / ocvSlope(curve, low) + 1 / ocvSlope(curve, high));
  return { value: high - low - noise, low, high };
}
