import { AlertSignal, AlertSignalIdl, CommonError, ReportSignalsReceipt, ReportSignalsResultIdl, Result } from '@chargex/common';
import { IDL, msgCaller, time, update } from 'azle';

import { requireSource, sourceOf } from '../access';
import { intake } from '../app';

/** Where the canisters that observe conditions report them (the contract in common's alert_signal.ts). */
export class IntakeApi {
  /** `report_signals` (REPORT_SIGNALS_METHOD): takes a batch of signals from a configured source (ai, telemetry, leasing, energy); idempotent by signal_id. */
  @update([IDL.Vec(AlertSignalIdl)], ReportSignalsResultIdl)
  report_signals(signals: AlertSignal[]): Result<ReportSignalsReceipt, CommonError> {
    const caller = msgCaller();
    return requireSource(caller) ?? intake.receive(sourceOf(caller)!, signals, time());
  }
}
