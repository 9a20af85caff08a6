import { CommonError, err, ok, Result, TelemetryFeatures } from '@chargex/common';

import { adaptiveFindings } from '../anomaly/adaptive_detectors';
import { healthFinding } from '../anomaly/health_detector';
import { AnomalyTracker, VerdictContext } from '../anomaly/anomaly_tracker';
import { AnomalyKind } from '../anomaly/finding';
import { limitFindings } from '../anomaly/limit_detectors';
import { ArrivalIndex } from '../battery/arrival_index';
import { BatteryState, newBatteryState } from '../battery/battery_state';
import { BatteryStore } from '../battery/battery_store';
import { lifetimeCycles } from '../battery/fade_trend';
import { updateHealthEstimates } from '../battery/health_update';
import { advanceState } from '../battery/state_update';
import { geofenceFinding } from '../geofence/geofence_detector';
import { GeofenceStore } from '../geofence/geofence_store';
import { LeasingSync } from '../health/leasing_sync';
import { stateOfHealthBp } from '../health/state_of_health';
import { ModelParams } from '../model/model_params';
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

/** The summary kinds and the state of health, once a capacity is known. */
const HEALTH_KINDS: readonly AnomalyKind[] = [...SUMMARY_KINDS, 'state_of_health_low'];

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
    private readonly models: ModelRegistry,
    private readonly leasing: LeasingSync,
    private readonly geofences: GeofenceStore
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
      const state = this.batteries.get(tokenId) ?? this.firstSight(tokenId, record.device_id, model.params);
      state.deviceId = record.device_id;
      const summary = summaryOf(record);
      const observation = advanceState(state, summary, model.params);
      updateHealthEstimates(state, observation, model.params);
      const context: VerdictContext = {
        tokenId,
        state,
        span: { fromMs: summary.fromMs, toMs: summary.toMs },
        modelVersion: versionTag(model.version),
        nowNs,
        clearAfterMs: model.params.clear_after_s * 1_000
      };
      const health = healthFinding(state, model.params);
      const findings = [...limitFindings(state, observation, model.params), ...adaptiveFindings(state, observation, model.params)];
      const judged = Number.isNaN(state.capacityAh) ? SUMMARY_KINDS : HEALTH_KINDS;
      // A position is judged against the battery's geofences only when the summary has one.
      const fences = summary.position === undefined ? [] : this.geofences.forBattery(tokenId);
      const outside = geofenceFinding(summary, fences);
      const all = [...findings, ...(health === undefined ? [] : [health]), ...(outside === undefined ? [] : [outside])];
      this.tracker.apply(context, all, fences.length > 0 ? [...judged, 'geofence_exit'] : judged);
      this.tracker.clearNow(context, 'missing_data');
      this.arrivals.arrived(tokenId, state.lastArrivalMs, nowMs);
      state.lastArrivalMs = nowMs;
      state.modelVersion = model.version;
      this.batteries.put(tokenId, state);
      if (state.inLeasing !== 0) {
        this.leasing.considerWrite(tokenId, state.writtenSohBp, state.writtenCycles, stateOfHealthBp(state), Math.floor(lifetimeCycles(state)));
      }
    }
    return ok(features.length);
  }

  /** A battery seen for the first time: rated by the model until leasing tells its rating. */
  private firstSight(tokenId: bigint, deviceId: string, model: ModelParams): BatteryState {
    const state = newBatteryState(deviceId);
    state.ratedCapacityAh = model.default_rated_capacity_ah;
    this.leasing.requestProfile(tokenId);
    return state;
  }

}
