import { ModelParams } from '../model/model_params';
import { BatteryState, equivalentCycles } from './battery_state';

/** Smallest standard deviation assumed for one state-of-health sample (a sample is never exact). */
const MIN_SAMPLE_SD = 0.005;

/** The fade rate a battery's history and the model's prior give together. */
export interface FadeEstimate {
  /** State of health lost per equivalent full cycle, and its standard deviation. */
  perCycle: number;
  sd: number;
  /** Standard deviation of one state-of-health sample around the trend. */
  sampleSd: number;
}

/** Equivalent full cycles in the battery's life: those leasing knew when ai first saw it plus those ai counted. */
export function lifetimeCycles(state: BatteryState): number {
  return (Number.isNaN(state.baseCycles) ? 0 : state.baseCycles) + equivalentCycles(state);
}

/** Adds one state-of-health sample at the battery's current cycle count to its trend statistics. */
export function addFadePoint(state: BatteryState, stateOfHealth: number): void {
  const x = lifetimeCycles(state);
  state.fadeN += 1;
  state.fadeSx += x;
  state.fadeSy += stateOfHealth;
  state.fadeSxx += x * x;
  state.fadeSxy += x * stateOfHealth;
  state.fadeSyy += stateOfHealth * stateOfHealth;
}

/**
 * The fade rate: a straight line of state of health over cycles fitted to the battery's samples, combined with
 * the model's prior rate by their precisions (a Bayesian line with a normal prior on its slope). A battery
 * watched over few cycles keeps close to the prior; one watched over many follows its own trend.
 */
export function fadeEstimate(state: BatteryState, model: ModelParams): FadeEstimate {
  const priorPrecision = 1 / model.fade_per_cycle_prior_sd ** 2;
  const n = state.fadeN;
  if (n < 2) {
    return { perCycle: model.fade_per_cycle_prior, sd: model.fade_per_cycle_prior_sd, sampleSd: MIN_SAMPLE_SD };
  }
  const meanX = state.fadeSx / n;
  const meanY = state.fadeSy / n;
  const cxx = state.fadeSxx - n * meanX * meanX;
  const cxy = state.fadeSxy - n * meanX * meanY;
  const cyy = state.fadeSyy - n * meanY * meanY;
  const slope = cxx > 0 ? cxy / cxx : 0;
  const residual = n > 2 ? Math.max(0, cyy - slope * cxy) / (n - 2) : 0;
  const sampleSd = Math.max(Math.sqrt(residual), MIN_SAMPLE_SD);
  const dataPrecision = cxx / sampleSd ** 2;
  const precision = priorPrecision + dataPrecision;
  return {
    perCycle: (model.fade_per_cycle_prior * priorPrecision - slope * dataPrecision) / precision,
    sd: 1 / Math.sqrt(precision),
    sampleSd
  };
}
