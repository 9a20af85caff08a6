import { Summary } from '../ingest/summary';
import { ModelParams } from '../model/model_params';
import { BatteryState } from './battery_state';

const MS_PER_HOUR = 3_600_000;
const MS_PER_MINUTE = 60_000;
/** A summary starting more than this many sampling intervals after the previous one follows a gap in the data. */
const GAP_INTERVALS = 3;
/** Longest gap a single-reading summary may follow and still count as contiguous, ms. */
const MAX_SINGLE_GAP_MS = 5 * MS_PER_MINUTE;

/** What one summary showed beyond the state itself: what the detectors judge. */
export interface Observation {
  summary: Summary;
  /** Whether the summary continues the previous one without a gap (rates and charge span both). */
  contiguous: boolean;
  /** Hours of battery time the summary covers (from the previous reading when contiguous). */
  hours: number;
  /** Whether current flowed (a battery under load changes its sensors' readings). */
  underLoad: boolean;
  /** Hottest-sensor deviation from the battery's own baseline, in standard deviations (NaN while warming up). */
  baselineSigmas: number;
  baselineMeanDc: number;
  baselineSigmaDc: number;
}

/** The sampling interval the summary shows, ms (NaN for a single reading). */
function samplingIntervalMs(summary: Summary): number {
  return summary.readings > 1 ? (summary.toMs - summary.fromMs) / (summary.readings - 1) : Number.NaN;
}

/** Whether `summary` directly follows the readings the state has seen. */
function continues(state: BatteryState, summary: Summary): boolean {
  if (!(summary.fromMs > state.lastSeenMs)) {
    return false;
  }
  const gap = summary.fromMs - state.lastSeenMs;
  const interval = samplingIntervalMs(summary);
  return Number.isNaN(interval) ? gap <= MAX_SINGLE_GAP_MS : gap <= GAP_INTERVALS * Math.max(interval, 1);
}

/**
 * Folds one summary into the state: counters, charge counting, latest values, temperature extremes, the smoothed
 * temperature rise, the adaptive baseline (not taught by readings that deviate from it) and the stuck-sensor
 * runs. Returns what the detectors need; the state is updated in place.
 */
export function advanceState(state: BatteryState, summary: Summary, model: ModelParams): Observation {
  const contiguous = continues(state, summary);
  const interval = samplingIntervalMs(summary);
  const spanMs = contiguous ? summary.toMs - state.lastSeenMs : Number.isNaN(interval) ? 0 : interval * summary.readings;
  const hours = spanMs / MS_PER_HOUR;
  const underLoad = Math.abs(summary.currentA.mean) > model.rest_current_a || summary.currentA.max - summary.currentA.min > 2 * model.rest_current_a;

  countCharge(state, summary, hours);
  updateTemperatureRise(state, summary, contiguous ? spanMs : 0, model);
  const baseline = judgeAndTeachBaseline(state, summary, spanMs, model);
  updateStuckRuns(state, summary, underLoad);

  state.firstSeenMs = Number.isNaN(state.firstSeenMs) ? summary.fromMs : Math.min(state.firstSeenMs, summary.fromMs);
  state.lastSeenMs = Number.isNaN(state.lastSeenMs) ? summary.toMs : Math.max(state.lastSeenMs, summary.toMs);
  state.handoffs += 1;
  state.readings += summary.readings;
  state.lastCurrentA = summary.currentA.last;
  state.lastPackMv = summary.packMv.last;
  state.lastCellMinMv = summary.cellMinMv.last;
  state.lastCellMaxMv = summary.cellMaxMv.last;
  state.lastTemperatureDc = summary.temperatureDc.last;
  state.lastSocPermille = summary.socPermille.last;
  const meanCellMv = (summary.cellMinMv.mean + summary.cellMaxMv.mean) / 2;
  state.cellCount = meanCellMv > 0 ? Math.max(1, Math.round(summary.packMv.mean / meanCellMv)) : state.cellCount;
  state.temperatureMinDc = Number.isNaN(state.temperatureMinDc) ? summary.temperatureDc.min : Math.min(state.temperatureMinDc, summary.temperatureDc.min);
  state.temperatureMaxDc = Number.isNaN(state.temperatureMaxDc) ? summary.temperatureDc.max : Math.max(state.temperatureMaxDc, summary.temperatureDc.max);
  return { summary, contiguous, hours, underLoad, ...baseline };
}

/** Charge through the battery: the mean current over the span (each reading stands for the interval before it). */
function countCharge(state: BatteryState, summary: Summary, hours: number): void {
  const chargeAh = summary.currentA.mean * hours;
  state.netChargeAh += chargeAh;
  state.throughputAh += Math.abs(chargeAh);
  if (chargeAh > 0) {
    state.chargeInAh += chargeAh;
  } else {
    state.chargeOutAh -= chargeAh;
  }
}

/** Exponentially smoothed rate of change of the hottest sensor between the latest readings of two summaries. */
function updateTemperatureRise(state: BatteryState, summary: Summary, spanMs: number, model: ModelParams): void {
  if (spanMs <= 0 || Number.isNaN(state.lastTemperatureDc)) {
    state.temperatureRiseDcPerMin = 0;
    return;
  }
  const rate = (summary.temperatureDc.last - state.lastTemperatureDc) / (spanMs / MS_PER_MINUTE);
  const gain = 1 - Math.exp(-spanMs / 1_000 / model.temperature_rise_tau_s);
  state.temperatureRiseDcPerMin += gain * (rate - state.temperatureRiseDcPerMin);
}

/**
 * Judges the hottest reading against the battery's own temperature baseline, then teaches the baseline with the
 * summary's mean unless the summary deviates (a fault must not become the new normal).
 */
function judgeAndTeachBaseline(state: BatteryState, summary: Summary, spanMs: number, model: ModelParams) {
  const sigma = Math.max(Math.sqrt(state.baselineVarDc2), model.baseline_min_sigma_dc);
  const warmedUp = state.baselineReadings >= model.baseline_warmup_readings;
  const baselineSigmas = warmedUp ? (summary.temperatureDc.max - state.baselineMeanDc) / sigma : Number.NaN;
  const result = { baselineSigmas, baselineMeanDc: state.baselineMeanDc, baselineSigmaDc: sigma };
  if (warmedUp && baselineSigmas >= model.baseline_sigma.warning) {
    return result;
  }
  const value = summary.temperatureDc.mean;
  if (Number.isNaN(state.baselineMeanDc)) {
    state.baselineMeanDc = value;
    state.baselineVarDc2 = 0;
  } else {
    // Taught by time rather than by call: the same hour of data teaches as much in one call as in sixty.
    const gain = 1 - Math.exp(-Math.max(spanMs, 1) / 1_000 / model.baseline_tau_s);
    const delta = value - state.baselineMeanDc;
    state.baselineMeanDc += gain * delta;
    state.baselineVarDc2 = (1 - gain) * (state.baselineVarDc2 + gain * delta * delta);
  }
  state.baselineReadings += summary.readings;
  return result;
}

/** Counts readings under load in a row whose sensor value stayed exactly the same. */
function updateStuckRuns(state: BatteryState, summary: Summary, underLoad: boolean): void {
  state.stuckTemperatureRun = nextRun(state.stuckTemperatureRun, summary.temperatureDc, state.lastTemperatureDc, summary.readings, underLoad);
  state.stuckVoltageRun = nextRun(state.stuckVoltageRun, summary.packMv, state.lastPackMv, summary.readings, underLoad);
}

function nextRun(run: number, metric: { min: number; max: number }, previous: number, readings: number, underLoad: boolean): number {
  if (metric.min !== metric.max) {
    return 0;
  }
  const unchanged = metric.min === previous;
  if (!underLoad) {
    // At rest a reading may legitimately hold still: keep the run, do not lengthen it.
    return unchanged ? run : 0;
  }
  return unchanged ? run + readings : readings;
}
