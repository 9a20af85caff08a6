import { AlertSignal, SignalOutbox } from '@chargex/common';

import { BatteryState } from '../battery/battery_state';
import { Anomaly, isCritical } from './anomaly';
import { AnomalyStore } from './anomaly_store';
import { AnomalyKind, Finding, kindBit } from './finding';

/** The readings a verdict is about: their device-time range. */
export interface Span {
  fromMs: number;
  toMs: number;
}

/** What a tracker needs to know about the verdict's battery and model. */
export interface VerdictContext {
  tokenId: bigint;
  state: BatteryState;
  span: Span;
  modelVersion: string;
  nowNs: bigint;
  /** Device milliseconds a condition must stay absent before its anomaly clears. */
  clearAfterMs: number;
}

/**
 * Turns each summary's findings into anomaly lifecycles: a finding of a kind not active raises an anomaly; while
 * active, findings widen its evidence, keep its worst value and may escalate it to critical; once the condition
 * has been absent for `clearAfterMs` of device time it clears. Every raise, escalation and clearance becomes a
 * signal for alerts in the same message.
 */
export class AnomalyTracker {
  constructor(
    private readonly store: AnomalyStore,
    private readonly outbox: SignalOutbox
  ) {}

  /**
   * Applies one summary's findings for the kinds in `judged` (kinds a detector could judge on this summary);
   * active anomalies of other kinds are left alone.
   */
  apply(context: VerdictContext, findings: Finding[], judged: readonly AnomalyKind[]): void {
    for (const finding of findings) {
      const active = this.activeOf(context, finding.kind);
      if (active === undefined) {
        this.raise(context, finding);
      } else {
        this.widen(context, active, finding);
      }
    }
    const found = new Set(findings.map((finding) => finding.kind));
    for (const kind of judged) {
      if (!found.has(kind)) {
        const active = this.activeOf(context, kind);
        if (active !== undefined && context.span.toMs - Number(active.evidence.to_ms) >= context.clearAfterMs) {
          this.clear(context, active);
        }
      }
    }
  }

  /** Raises `finding` unless its kind is active already (conditions found outside a summary, e.g. missing data). */
  raiseUnlessActive(context: VerdictContext, finding: Finding): boolean {
    if (this.activeOf(context, finding.kind) !== undefined) {
      return false;
    }
    this.raise(context, finding);
    return true;
  }

  /** Clears the active anomaly of `kind` at once, if there is one. */
  clearNow(context: VerdictContext, kind: AnomalyKind): void {
    const active = this.activeOf(context, kind);
    if (active !== undefined) {
      this.clear(context, active);
    }
  }

  private activeOf(context: VerdictContext, kind: AnomalyKind): Anomaly | undefined {
    return (context.state.activeMask & kindBit(kind)) === 0 ? undefined : this.store.activeOf(context.tokenId, kind);
  }

  private raise(context: VerdictContext, finding: Finding): void {
    const { state, span } = context;
    const anomaly = this.store.add(
      (id) => ({
        id,
        battery_token_id: context.tokenId,
        device_id: state.deviceId,
        kind: finding.kind,
        severity: { [finding.severity]: null } as Anomaly['severity'],
        active: true,
        raised_at_ns: context.nowNs,
        cleared_at_ns: [],
        evidence: {
          from_ms: BigInt(span.fromMs),
          to_ms: BigInt(span.toMs),
          value: [finding.value],
          threshold: [finding.threshold],
          unit: finding.unit,
          detail: finding.detail
        },
        model_version: context.modelVersion
      }),
      state.anomalyCount
    );
    state.anomalyCount += 1;
    state.activeMask += kindBit(finding.kind);
    this.outbox.enqueue(signalOf(anomaly, `ai-anomaly-${anomaly.id}`, context.nowNs));
  }

  private widen(context: VerdictContext, active: Anomaly, finding: Finding): void {
    const escalates = finding.severity === 'critical' && !isCritical(active.severity);
    const worse = escalates || worseThan(finding, active);
    const updated: Anomaly = {
      ...active,
      severity: escalates ? { critical: null } : active.severity,
      evidence: {
        ...active.evidence,
        to_ms: BigInt(Math.max(context.span.toMs, Number(active.evidence.to_ms))),
        ...(worse ? { value: [finding.value], threshold: [finding.threshold], detail: finding.detail } : {})
      }
    };
    this.store.update(updated);
    if (escalates) {
      this.outbox.enqueue(signalOf(updated, `ai-anomaly-${updated.id}-critical`, context.nowNs));
    }
  }

  private clear(context: VerdictContext, active: Anomaly): void {
    const cleared: Anomaly = { ...active, active: false, cleared_at_ns: [context.nowNs] };
    this.store.update(cleared);
    context.state.activeMask -= kindBit(active.kind as AnomalyKind);
    this.outbox.enqueue({ ...signalOf(cleared, `ai-anomaly-${cleared.id}-cleared`, context.nowNs), state: { cleared: null } });
  }
}

/** Whether a finding shows the condition further past its threshold than the anomaly's worst value so far. */
function worseThan(finding: Finding, anomaly: Anomaly): boolean {
  const value = anomaly.evidence.value[0];
  const threshold = anomaly.evidence.threshold[0];
  if (value === undefined || threshold === undefined) {
    return true;
  }
  const falling = threshold > value;
  return falling ? finding.value < value : finding.value > value;
}

function signalOf(anomaly: Anomaly, signalId: string, nowNs: bigint): AlertSignal {
  return {
    signal_id: signalId,
    kind: anomaly.kind,
    severity: anomaly.severity,
    state: { raised: null },
    battery_token_id: [anomaly.battery_token_id],
    device_id: [anomaly.device_id],
    subject_id: [],
    observed_at_ns: nowNs,
    evidence: anomaly.evidence,
    model_version: [anomaly.model_version]
  };
}
