import { ALERT_SIGNAL_KINDS } from '@chargex/common';

/** A kind of anomaly ai reports (its signal kinds in the alerts contract). */
export type AnomalyKind = (typeof ALERT_SIGNAL_KINDS.ai)[number];

/** Every kind; a kind's position is its bit in a battery's mask of active anomalies, so kinds are only appended. */
export const ANOMALY_KINDS: readonly AnomalyKind[] = ALERT_SIGNAL_KINDS.ai;

/** The bit of `kind` in an active-anomaly mask. */
export function kindBit(kind: AnomalyKind): number {
  return 2 ** ANOMALY_KINDS.indexOf(kind);
}

/** Whether `text` names an anomaly kind. */
export function isAnomalyKind(text: string): text is AnomalyKind {
  return (ANOMALY_KINDS as readonly string[]).includes(text);
}

/** How bad a finding is (ai raises no `info` anomalies). */
export type FindingSeverity = 'warning' | 'critical';

/** A condition one detector found in one summary: what it saw against which threshold. */
export interface Finding {
  kind: AnomalyKind;
  severity: FindingSeverity;
  /** The observed value and the threshold it crossed, in `unit`. */
  value: number;
  threshold: number;
  unit: string;
  /** One sentence for a person. */
  detail: string;
}
