import { AlertEvidence, AlertEvidenceIdl, AlertSeverity, AlertSeverityIdl, named } from '@chargex/common';
import { IDL } from 'azle';

/**
 * One anomaly of one battery, from the summary that raised it until it clears. While it is active its evidence
 * widens to the latest summary that still showed the condition and keeps the worst value seen; it escalates
 * from warning to critical but never back.
 */
export interface Anomaly {
  id: bigint;
  battery_token_id: bigint;
  device_id: string;
  kind: string;
  severity: AlertSeverity;
  active: boolean;
  raised_at_ns: bigint;
  cleared_at_ns: [] | [bigint];
  evidence: AlertEvidence;
  /** The model version that raised it, e.g. "v2". */
  model_version: string;
}

/** Candid type of Anomaly. */
export const AnomalyIdl = named(
  'Anomaly',
  IDL.Record({
    id: IDL.Nat64,
    battery_token_id: IDL.Nat,
    device_id: IDL.Text,
    kind: IDL.Text,
    severity: AlertSeverityIdl,
    active: IDL.Bool,
    raised_at_ns: IDL.Nat64,
    cleared_at_ns: IDL.Opt(IDL.Nat64),
    evidence: AlertEvidenceIdl,
    model_version: IDL.Text
  })
);

/** Whether `severity` is critical. */
export function isCritical(severity: AlertSeverity): boolean {
  return 'critical' in severity;
}
