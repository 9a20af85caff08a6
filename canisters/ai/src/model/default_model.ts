import { ModelParams } from './model_params';

/** The label of the model version installed with the canister. */
export const DEFAULT_MODEL_LABEL = 'builtin LiFePO4';

/**
 * The parameters installed as model version 1, for LiFePO4 packs. Fixed limits follow LiFePO4 datasheets
 * (2.5-3.65 V per cell, 60 degrees); the detectors' sensitivities and the fade prior come from
 * `bench/ai-fit.ts` on simulated training fleets (see canisters/ai/README.md), which admins can refit and upload
 * as a new version.
 */
export const DEFAULT_MODEL: ModelParams = {
  cell_over_voltage_mv: { warning: 3_700, critical: 3_850 },
  cell_under_voltage_mv: { warning: 2_500, critical: 2_000 },
  over_temperature_dc: { warning: 550, critical: 650 },
  over_current_a: { warning: 150, critical: 250 },
  cell_imbalance_mv: { warning: 400, critical: 600 },
  cell_imbalance_soc: { warning: 0.08, critical: 0.15 },
  cell_voltage_noise_mv: 3,
  temperature_rise_dc_per_min: { warning: 1.5, critical: 5 },
  temperature_rise_tau_s: 600,
  baseline_sigma: { warning: 5, critical: 8 },
  baseline_tau_s: 6 * 3_600,
  baseline_warmup_readings: 120,
  baseline_min_sigma_dc: 10,
  stuck_readings: 40,
  missing_after_s: 900,
  clear_after_s: 600,
  rest_current_a: 0.5,
  rest_min_s: 300,
  ocv_curve: [
    [0, 2_500], [0.05, 3_000], [0.1, 3_200], [0.2, 3_250], [0.3, 3_275], [0.4, 3_290], [0.5, 3_300],
    [0.6, 3_310], [0.7, 3_320], [0.8, 3_330], [0.9, 3_350], [0.95, 3_400], [1, 3_600]
  ].map(([soc, cell_mv]) => ({ soc, cell_mv })),
  capacity_min_swing: 0.5,
  estimate_gain: 0.3,
  resistance_min_swing_a: 10,
  resistance_activation_k: 3_000,
  default_rated_capacity_ah: 50,
  fade_per_cycle_prior: 0.0002,
  fade_per_cycle_prior_sd: 0.0001,
  end_of_life_soh: 0.8,
  state_of_health_low: { warning: 0.8, critical: 0.7 }
};
