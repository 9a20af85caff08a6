import { ConfigStore, describeCallError, INGEST_FEATURES_METHOD, IngestFeaturesResultIdl, TelemetryFeatures, TelemetryFeaturesIdl } from '@chargex/common';
import { call, IDL } from 'azle';

import { Counters } from '../status/counters';

/**
 * Hands each ingest call's features to `ai` in one awaited call. The telemetry is committed before the call
 * leaves (an await ends the message's first execution), so whatever `ai` does (refuse, trap, be missing or
 * stopped) cannot undo or refuse it: the outcome is only counted (`ai_handoffs_ok` / `ai_handoffs_failed`).
 * Awaiting rather than a one-way call is what lets failures be counted; the relayer gets its answer one
 * inter-canister round trip later.
 */
export class AiHandoff {
  constructor(
    private readonly config: ConfigStore,
    private readonly counters: Counters
  ) {}

  /** Sends `features` to ai if ai is configured and there is something to send. */
  async send(features: TelemetryFeatures[]): Promise<void> {
    const ai = this.config.peer('ai');
    if (ai === undefined || features.length === 0) {
      return;
    }
    try {
      const result = await call<[TelemetryFeatures[]], { Ok: number } | { Err: unknown }>(ai, INGEST_FEATURES_METHOD, {
        paramIdlTypes: [IDL.Vec(TelemetryFeaturesIdl)],
        returnIdlType: IngestFeaturesResultIdl,
        args: [features]
      });
      if ('Err' in result) {
        console.log(`ai refused telemetry features: ${Object.keys(result.Err as object).join()}`);
      }
      this.counters.apply('Ok' in result ? { ai_handoffs_ok: 1 } : { ai_handoffs_failed: 1 });
    } catch (error) {
      console.log(`telemetry features not handed to ai: ${describeCallError(error)}`);
      this.counters.apply({ ai_handoffs_failed: 1 });
    }
  }
}
