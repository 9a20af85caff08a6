import { AlertEvidence, AlertEvidenceIdl, AlertSeverity, AlertSeverityIdl, AlertSignalSource, named } from '@chargex/common';
import { IDL, Principal } from 'azle';

/** Where an alert is in its life: open (`active`, then `acknowledged` by a person) until `resolved`. */
export type AlertState = { active: null } | { acknowledged: null } | { resolved: null };

/** Candid type of AlertState. */
export const AlertStateIdl = named('AlertState', IDL.Variant({ active: IDL.Null, acknowledged: IDL.Null, resolved: IDL.Null }));

/** What happened to an alert, as its history records it. */
export type AlertAction =
  | { raised: null }
  | { escalated: null }
  | { routed: null }
  | { suppressed: null }
  | { acknowledged: null }
  | { resolved: null }
  | { cleared: null };

/** Candid type of AlertAction. */
export const AlertActionIdl = named(
  'AlertAction',
  IDL.Variant({
    raised: IDL.Null,
    escalated: IDL.Null,
    routed: IDL.Null,
    suppressed: IDL.Null,
    acknowledged: IDL.Null,
    resolved: IDL.Null,
    cleared: IDL.Null
  })
);

/** One entry of an alert's history: who (a person, or none for the source canister and alerts itself) did what. */
export interface AlertEvent {
  at_ns: bigint;
  by: [] | [Principal];
  action: AlertAction;
  note: string;
}

/** Candid type of AlertEvent. */
export const AlertEventIdl = named(
  'AlertEvent',
  IDL.Record({ at_ns: IDL.Nat64, by: IDL.Opt(IDL.Principal), action: AlertActionIdl, note: IDL.Text })
);

/** A condition reported by a source canister, as people see it and act on it. */
export interface Alert {
  id: bigint;
  source: AlertSignalSource;
  kind: string;
  severity: AlertSeverity;
  state: AlertState;
  battery_token_id: [] | [bigint];
  device_id: [] | [string];
  subject_id: [] | [string];
  /** Source time of the first and the latest signal folded into this alert. */
  first_seen_ns: bigint;
  last_seen_ns: bigint;
  /** How many raised signals this alert stands for (a repeat of an open alert counts here, not as a new alert). */
  occurrences: number;
  /** The evidence of the latest signal. */
  evidence: AlertEvidence;
  model_version: [] | [string];
  /** The people it was routed to (owner, lessee, assigned technicians); empty until routed. */
  recipients: Principal[];
  routed: boolean;
  /** Set when a rule keeps the alert from people (kind disabled, or below the rule's threshold). */
  suppressed: boolean;
  history: AlertEvent[];
}

/** Candid type of Alert. */
export const AlertIdl = named(
  'Alert',
  IDL.Record({
    id: IDL.Nat64,
    source: IDL.Text,
    kind: IDL.Text,
    severity: AlertSeverityIdl,
    state: AlertStateIdl,
    battery_token_id: IDL.Opt(IDL.Nat),
    device_id: IDL.Opt(IDL.Text),
    subject_id: IDL.Opt(IDL.Text),
    first_seen_ns: IDL.Nat64,
    last_seen_ns: IDL.Nat64,
    occurrences: IDL.Nat32,
    evidence: AlertEvidenceIdl,
    model_version: IDL.Opt(IDL.Text),
    recipients: IDL.Vec(IDL.Principal),
    routed: IDL.Bool,
    suppressed: IDL.Bool,
    history: IDL.Vec(AlertEventIdl)
  })
);

/** Most history entries an alert keeps (the oldest go first); repeats are counted, not logged, so this is ample. */
const MAX_HISTORY = 64;

/** The alert with `event` appended to its history. */
export function withEvent(alert: Alert, event: AlertEvent): Alert {
  const history = [...alert.history, event];
  return { ...alert, history: history.slice(Math.max(0, history.length - MAX_HISTORY)) };
}

/** Whether the alert is still open (active or acknowledged). */
export function isOpen(alert: Alert): boolean {
  return !('resolved' in alert.state);
}

const SEVERITY_RANK = { info: 0, warning: 1, critical: 2 } as const;

/** 0 for info, 1 for warning, 2 for critical. */
export function severityRank(severity: AlertSeverity): number {
  return SEVERITY_RANK[Object.keys(severity)[0] as keyof typeof SEVERITY_RANK];
}
