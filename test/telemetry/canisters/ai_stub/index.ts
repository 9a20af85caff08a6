/**
 * A stand-in for `ai`'s `ingest_features`, built only for the telemetry tests: it keeps every feature record it
 * receives (decoded with the shared TelemetryFeatures candid, so a mismatch with what telemetry sends fails the
 * call) and can be told to refuse.
 */
import { CommonError, IngestFeaturesResultIdl, TelemetryFeatures, TelemetryFeaturesIdl, unavailable } from '@chargex/common';
import { IDL, msgCaller, Principal, query, update } from 'azle';

export default class AiStub {
  received: Array<{ caller: Principal; features: TelemetryFeatures[] }> = [];
  refusing = false;

  /** What telemetry calls once per ingest (the method named by INGEST_FEATURES_METHOD). */
  @update([IDL.Vec(TelemetryFeaturesIdl)], IngestFeaturesResultIdl)
  ingest_features(features: TelemetryFeatures[]): { Ok: number } | { Err: CommonError } {
    if (this.refusing) {
      return { Err: unavailable('refusing on purpose') };
    }
    this.received.push({ caller: msgCaller(), features });
    return { Ok: features.length };
  }

  /** Makes `ingest_features` answer Err from now on (or stop doing so). */
  @update([IDL.Bool])
  set_refusing(refusing: boolean): void {
    this.refusing = refusing;
  }

  /** Every hand-off received so far, oldest first. */
  @query([], IDL.Vec(IDL.Record({ caller: IDL.Principal, features: IDL.Vec(TelemetryFeaturesIdl) })))
  received_calls(): Array<{ caller: Principal; features: TelemetryFeatures[] }> {
    return this.received;
  }
}
