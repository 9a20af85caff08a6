import { CommonError, err, ok, Result, TelemetryFeatures } from '@chargex/common';

import { adaptiveFindings } from '../anomaly/adaptive_detectors';
import { AnomalyTracker, VerdictContext } from '../anomaly/anomaly_tracker';
import { AnomalyKind } from '../anomaly/finding';
import { limitFindings } from '../anomaly/limit_detectors';
import { ArrivalIndex } from '../battery/arrival_index';
import { newBatteryState } from '../battery/battery_state';
import { BatteryStore } from '../battery/battery_store';
import { advanceState } from '../battery/state_update';
import { ModelRegistry } from '../model/model_registry';
import { versionTag } from '../model/model_version';
import { featuresProblem } from './features_validation';
import { summaryOf } from './summary';

/** The kinds a summary lets the detectors judge (present or absent), so their anomalies can clear. */
const SUMMARY_KINDS: readonly AnomalyKind[] = [
  'over_voltage',
  'under_voltage',
  'over_temperature',
  'over_current',
  'cell_imbalance',
  'fast_temperature_rise',
  'baseline_deviation',
  'stuck_sensor'
];

/**
 * Takes in telemetry's hand-off: per battery, folds the summary into the battery's state with the active model,
 * runs the detectors and moves anomalies through their lifecycle (signals for alerts included), all in the same
 * message, so a hand-off is either applied whole or, if it traps, not at all.
 */
export class FeatureIntake {
  constructor(
    private readonly batteries: BatteryStore,
    private readonly arrivals: ArrivalIndex,
    private readonly tracker: AnomalyTracker,
    private readonly models: ModelRegistry
  ) {}

  /** Applies a hand-off; returns the number of records taken in. */
  ingest(features: TelemetryFeatures[], nowNs: bigint): Result<number, CommonError> {
    const problem = featuresProblem(features);
    if (problem !== undefined) {
      return err(problem);
    }
    const model = this.models.active();
    const nowMs = Number(nowNs / 1_000_000n);
    for (const record of features) {
      const tokenId = record.battery_token_id;
      const state = this.batteries.get(tokenId) ?? newBatteryState(record.device_id);
      if (Number.isNaN(state.ratedCapacityAh)) {
        state.ratedCapacityAh = model.params.default_rated_capacity_ah;
      }
      state.deviceId = record.device_id;
      const summary = summaryOf(record);
      const observation = advanceState(state, summary, model.params);
      const context: VerdictContext = {
        tokenId,
        state,
        span: { fromMs: summary.fromMs, toMs: summary.toMs },
        modelVersion: versionTag(model.version),
        nowNs,
        clearAfterMs: model.params.clear_after_s * 1_000
      };
      const findings = [...limitFindings(state, observation, model.params), ...adaptiveFindings(state, observation, model.params)];
      this.tracker.apply(context, findings, SUMMARY_KINDS);
      this.tracker.clearNow(context, 'missing_data');
      this.arrivals.arrived(tokenId, state.lastArrivalMs, nowMs);
      state.lastArrivalMs = nowMs;
      state.modelVersion = model.version;
      this.batteries.put(tokenId, state);
    }
    return ok(features.length);
  }
}
