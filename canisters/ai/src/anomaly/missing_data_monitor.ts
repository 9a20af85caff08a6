import { setTimerInterval, time } from 'azle';

import { ArrivalIndex } from '../battery/arrival_index';
import { BatteryStore } from '../battery/battery_store';
import { ModelRegistry } from '../model/model_registry';
import { versionTag } from '../model/model_version';
import { AnomalyTracker } from './anomaly_tracker';
import { shown } from './level_check';

/** How often the sweep runs, seconds. */
const SWEEP_INTERVAL_S = 60;
/** Batteries reported per sweep; the rest wait for the next one. */
const SWEEP_BATCH = 200;

/**
 * Raises `missing_data` for batteries whose data stopped arriving for longer than the model allows: a sweep
 * every minute reads the arrival index from its oldest end. The anomaly clears when data arrives again (see
 * FeatureIntake). Timers do not survive upgrades, so `start` is called from @init and @postUpgrade.
 */
export class MissingDataMonitor {
  constructor(
    private readonly batteries: BatteryStore,
    private readonly arrivals: ArrivalIndex,
    private readonly tracker: AnomalyTracker,
    private readonly models: ModelRegistry
  ) {}

  start(): void {
    setTimerInterval(SWEEP_INTERVAL_S, () => this.sweep());
  }

  /** Reports every battery that went quiet (up to one batch), once per silence. */
  sweep(): void {
    const model = this.models.active();
    const nowNs = time();
    const nowMs = Number(nowNs / 1_000_000n);
    const limitMs = model.params.missing_after_s * 1_000;
    for (const { tokenId, arrivalMs } of this.arrivals.quietSince(nowMs - limitMs, SWEEP_BATCH)) {
      this.arrivals.remove(tokenId, arrivalMs);
      const state = this.batteries.get(tokenId);
      if (state === undefined) {
        continue;
      }
      const silentS = (nowMs - state.lastArrivalMs) / 1_000;
      this.tracker.raiseUnlessActive(
        { tokenId, state, span: { fromMs: state.lastSeenMs, toMs: nowMs }, modelVersion: versionTag(model.version), nowNs, clearAfterMs: 0 },
        {
          kind: 'missing_data',
          severity: 'warning',
          value: silentS,
          threshold: model.params.missing_after_s,
          unit: 's',
          detail: `No readings arrived for ${shown(silentS / 60)} minutes, longer than the ${shown(model.params.missing_after_s / 60)} minutes allowed.`
        }
      );
      this.batteries.put(tokenId, state);
    }
  }
}
