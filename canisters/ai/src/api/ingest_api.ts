import { CommonError, IngestFeaturesResultIdl, Result, TelemetryFeatures, TelemetryFeaturesIdl } from '@chargex/common';
import { IDL, msgCaller, time, update } from 'azle';

import { requireTelemetry } from '../access';
import { intake } from '../app';

/** The hand-off from telemetry (common's INGEST_FEATURES_METHOD): one call per ingest call, one summary per battery. */
export class IngestApi {
  /** Folds telemetry's per-battery summaries into state, health and anomalies (telemetry only). */
  @update([IDL.Vec(TelemetryFeaturesIdl)], IngestFeaturesResultIdl)
  ingest_features(features: TelemetryFeatures[]): Result<number, CommonError> {
    return requireTelemetry(msgCaller()) ?? intake.ingest(features, time());
  }
}
