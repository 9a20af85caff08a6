/**
 * A stand-in for `alerts`' `report_signals`, built only for the ai tests until the alerts canister lands: it
 * decodes calls with the shared AlertSignal candid (a mismatch with what ai sends fails the call), keeps each
 * signal id once as the contract requires, counts calls, and can be told to refuse.
 */
import { AlertSignal, AlertSignalIdl, CommonError, ReportSignalsReceipt, ReportSignalsResultIdl, unavailable } from '@chargex/common';
import { IDL, msgCaller, Principal, query, update } from 'azle';

export default class AlertsStub {
  signals: Array<{ caller: Principal; signal: AlertSignal }> = [];
  calls = 0;
  refusing = false;

  /** What sources call: accepts each signal id once, answers repeats as duplicates. */
  @update([IDL.Vec(AlertSignalIdl)], ReportSignalsResultIdl)
  report_signals(signals: AlertSignal[]): { Ok: ReportSignalsReceipt } | { Err: CommonError } {
    this.calls += 1;
    if (this.refusing) {
      return { Err: unavailable('refusing on purpose') };
    }
    let accepted = 0;
    let duplicates = 0;
    for (const signal of signals) {
      if (this.signals.some((known) => known.signal.signal_id === signal.signal_id)) {
        duplicates += 1;
      } else {
        this.signals.push({ caller: msgCaller(), signal });
        accepted += 1;
      }
    }
    return { Ok: { accepted, folded: 0, duplicates } };
  }

  /** Makes `report_signals` answer Err from now on (or stop doing so). */
  @update([IDL.Bool])
  set_refusing(refusing: boolean): void {
    this.refusing = refusing;
  }

  /** Every signal accepted so far, oldest first, with the caller that sent it. */
  @query([], IDL.Vec(IDL.Record({ caller: IDL.Principal, signal: AlertSignalIdl })))
  received(): Array<{ caller: Principal; signal: AlertSignal }> {
    return this.signals;
  }

  /** Number of report_signals calls, refused ones included. */
  @query([], IDL.Nat32)
  call_count(): number {
    return this.calls;
  }
}
