import { IDL } from '@dfinity/candid';

import { CommonError, CommonErrorIdl } from './errors';
import { named } from './named_type';
import { resultIdl, Result } from './result';

/**
 * The contract between the canisters that observe conditions (`ai`, `telemetry`, `leasing`, `energy`) and
 * `alerts`, which turns them into alerts people receive. A source sends every signal of one message in one
 * awaited call; `alerts` accepts a signal once per `signal_id`, so a source that retries after an ambiguous
 * failure (a reject, a trap, an upgrade in between) cannot raise the same thing twice.
 */

/** How urgent a condition is: `info` is worth knowing, `warning` needs attention, `critical` needs action now. */
export type AlertSeverity = { info: null } | { warning: null } | { critical: null };

/** Candid type of AlertSeverity. */
export const AlertSeverityIdl = named(
  'AlertSeverity',
  IDL.Variant({ info: IDL.Null, warning: IDL.Null, critical: IDL.Null })
);

/** Whether the condition was observed (`raised`) or observed to be over (`cleared`, which may resolve the alert). */
export type AlertSignalState = { raised: null } | { cleared: null };

/** Candid type of AlertSignalState. */
export const AlertSignalStateIdl = named('AlertSignalState', IDL.Variant({ raised: IDL.Null, cleared: IDL.Null }));

/**
 * The kinds of condition each source reports. Kinds are text on the wire so that a new kind is not a breaking
 * change of the candid interface; `alerts` refuses a kind it does not know with a typed error.
 */
export const ALERT_SIGNAL_KINDS = {
  ai: [
    'over_voltage',
    'under_voltage',
    'over_temperature',
    'fast_temperature_rise',
    'cell_imbalance',
    'over_current',
    'baseline_deviation',
    'stuck_sensor',
    'missing_data',
    'geofence_exit',
    'state_of_health_low'
  ],
  telemetry: ['device_offline', 'batch_refused', 'device_suspended'],
  leasing: ['payment_late', 'lease_default', 'return_due'],
  energy: ['energy_operation_failed', 'atp_expired', 'energy_delivery_short']
} as const;

/** A source of signals: the peer name of the canister in `CanisterConfig`. */
export type AlertSignalSource = keyof typeof ALERT_SIGNAL_KINDS;

/** A kind of condition, whatever its source. */
export type AlertSignalKind = (typeof ALERT_SIGNAL_KINDS)[AlertSignalSource][number];

/** The readings or records that show the condition: their time range and, where one applies, value vs threshold. */
export interface AlertEvidence {
  /** Unix epoch milliseconds of the first and the last observation that show the condition. */
  from_ms: bigint;
  to_ms: bigint;
  /** The observed value and the threshold it crossed, in `unit` (e.g. "mV", "dC", "A", "permille"). */
  value: [] | [number];
  threshold: [] | [number];
  unit: string;
  /** Free-form detail for a person, one sentence. */
  detail: string;
}

/** Candid type of AlertEvidence. */
export const AlertEvidenceIdl = named(
  'AlertEvidence',
  IDL.Record({
    from_ms: IDL.Nat64,
    to_ms: IDL.Nat64,
    value: IDL.Opt(IDL.Float64),
    threshold: IDL.Opt(IDL.Float64),
    unit: IDL.Text,
    detail: IDL.Text
  })
);

/** One observed condition, as a source sends it to `alerts`. */
export interface AlertSignal {
  /** Unique per signal within its source (e.g. "anomaly-1842"): the idempotency key of the intake. */
  signal_id: string;
  /** A `ALERT_SIGNAL_KINDS` entry of the calling source. */
  kind: string;
  severity: AlertSeverity;
  state: AlertSignalState;
  /** The battery NFT the condition concerns, if any (device events name their battery when it is known). */
  battery_token_id: [] | [bigint];
  device_id: [] | [string];
  /** The lease or energy operation the condition concerns, if any. */
  subject_id: [] | [string];
  /** When the source observed it, Unix epoch nanoseconds of the source canister's time. */
  observed_at_ns: bigint;
  evidence: AlertEvidence;
  /** The model version that produced it (`ai`), empty for rule-based sources. */
  model_version: [] | [string];
}

/** Candid type of AlertSignal. */
export const AlertSignalIdl = named(
  'AlertSignal',
  IDL.Record({
    signal_id: IDL.Text,
    kind: IDL.Text,
    severity: AlertSeverityIdl,
    state: AlertSignalStateIdl,
    battery_token_id: IDL.Opt(IDL.Nat),
    device_id: IDL.Opt(IDL.Text),
    subject_id: IDL.Opt(IDL.Text),
    observed_at_ns: IDL.Nat64,
    evidence: AlertEvidenceIdl,
    model_version: IDL.Opt(IDL.Text)
  })
);

/** What the intake did with a call's signals: new alerts, repeats folded into open ones, and resent ids ignored. */
export interface ReportSignalsReceipt {
  accepted: number;
  folded: number;
  duplicates: number;
}

/** Candid type of ReportSignalsReceipt. */
export const ReportSignalsReceiptIdl = named(
  'ReportSignalsReceipt',
  IDL.Record({ accepted: IDL.Nat32, folded: IDL.Nat32, duplicates: IDL.Nat32 })
);

/** Result of `report_signals`. */
export type ReportSignalsResult = Result<ReportSignalsReceipt, CommonError>;

/** Candid type of ReportSignalsResult. */
export const ReportSignalsResultIdl = named('ReportSignalsResult', resultIdl(ReportSignalsReceiptIdl, CommonErrorIdl));

/** The method of `alerts` sources call: `report_signals : (vec AlertSignal) -> (ReportSignalsResult)`. */
export const REPORT_SIGNALS_METHOD = 'report_signals';

/** Most signals one call may carry, so that a call stays far inside the 2 MiB message limit. */
export const MAX_SIGNALS_PER_CALL = 500;
