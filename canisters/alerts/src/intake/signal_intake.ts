import { AlertSignal, AlertSignalSource, CommonError, isErr, ok, OrderedKey, ReportSignalsReceipt, Result } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { Alert, severityRank, withEvent } from '../alert/alert';
import { AlertStore, conditionKey } from '../alert/alert_store';
import { ALERTS_MEMORY } from '../memory';
import { AlertRouter } from '../routing/alert_router';
import { validateSignals } from './signal_validation';

/**
 * Turns sources' signals into alerts. A signal id is taken once per source (a resent one counts as a duplicate);
 * a raised signal opens an alert for its condition or folds into the one open (occurrences, last seen, latest
 * evidence, severity raised if it grew); a cleared signal resolves the open alert. New alerts go to the router,
 * which works out who receives them.
 */
export class SignalIntake {
  /** `<source>:<signal_id>` of every signal taken, with the alert it went to (0 when a clear found none open). */
  private readonly seen = new StableBTreeMap<string, bigint>(ALERTS_MEMORY.seenSignals, OrderedKey.text, OrderedKey.u64);

  constructor(
    private readonly alerts: AlertStore,
    private readonly router: AlertRouter
  ) {}

  receive(source: AlertSignalSource, signals: AlertSignal[], nowNs: bigint): Result<ReportSignalsReceipt, CommonError> {
    const valid = validateSignals(source, signals);
    if (isErr(valid)) {
      return valid;
    }
    const receipt: ReportSignalsReceipt = { accepted: 0, folded: 0, duplicates: 0 };
    for (const signal of signals) {
      const seenKey = `${source}:${signal.signal_id}`;
      if (this.seen.containsKey(seenKey)) {
        receipt.duplicates += 1;
        continue;
      }
      const [alertId, opened] = 'raised' in signal.state ? this.raise(source, signal, nowNs) : [this.clear(source, signal, nowNs), false];
      this.seen.insert(seenKey, alertId);
      if (opened) {
        receipt.accepted += 1;
      } else {
        receipt.folded += 1;
      }
    }
    return ok(receipt);
  }

  /** Signals taken so far. */
  signalCount(): number {
    return this.seen.len();
  }

  /** Opens an alert or folds into the open one; returns its id and whether it is new. */
  private raise(source: AlertSignalSource, signal: AlertSignal, nowNs: bigint): [bigint, boolean] {
    const condition = conditionKey(source, signal.kind, signal.battery_token_id, signal.device_id, signal.subject_id);
    const open = this.alerts.openFor(condition);
    if (open !== undefined) {
      this.alerts.put(fold(open, signal, nowNs), condition);
      return [open.id, false];
    }
    const alert = this.alerts.create(condition, (id) => newAlert(id, source, signal, nowNs));
    this.router.enqueue(alert.id);
    return [alert.id, true];
  }

  /** Resolves the open alert of the signal's condition, if any; returns its id (0 when none was open). */
  private clear(source: AlertSignalSource, signal: AlertSignal, nowNs: bigint): bigint {
    const condition = conditionKey(source, signal.kind, signal.battery_token_id, signal.device_id, signal.subject_id);
    const open = this.alerts.openFor(condition);
    if (open === undefined) {
      return 0n;
    }
    const note = signal.evidence.detail.length > 0 ? signal.evidence.detail : `${source} reports the condition is over.`;
    const resolved = withEvent({ ...open, state: { resolved: null }, last_seen_ns: maxOf(open.last_seen_ns, signal.observed_at_ns) }, { at_ns: nowNs, by: [], action: { cleared: null }, note });
    this.alerts.put(resolved, condition);
    return open.id;
  }
}

function newAlert(id: bigint, source: AlertSignalSource, signal: AlertSignal, nowNs: bigint): Alert {
  return {
    id,
    source,
    kind: signal.kind,
    severity: signal.severity,
    state: { active: null },
    battery_token_id: signal.battery_token_id,
    device_id: signal.device_id,
    subject_id: signal.subject_id,
    first_seen_ns: signal.observed_at_ns,
    last_seen_ns: signal.observed_at_ns,
    occurrences: 1,
    evidence: signal.evidence,
    model_version: signal.model_version,
    recipients: [],
    routed: false,
    suppressed: false,
    history: [{ at_ns: nowNs, by: [], action: { raised: null }, note: signal.evidence.detail }]
  };
}

function fold(open: Alert, signal: AlertSignal, nowNs: bigint): Alert {
  const folded: Alert = {
    ...open,
    occurrences: open.occurrences + 1,
    last_seen_ns: maxOf(open.last_seen_ns, signal.observed_at_ns),
    evidence: signal.evidence,
    model_version: signal.model_version.length > 0 ? signal.model_version : open.model_version
  };
  if (severityRank(signal.severity) <= severityRank(open.severity)) {
    return folded;
  }
  const note = `Severity rose to ${Object.keys(signal.severity)[0]}.`;
  return withEvent({ ...folded, severity: signal.severity }, { at_ns: nowNs, by: [], action: { escalated: null }, note });
}

function maxOf(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
