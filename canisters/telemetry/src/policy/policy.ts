import { candidCodec, CommonError, CommonErrorIdl, err, invalidArgument, metaStore, named, ok, Result, resultIdl, StableCell } from '@chargex/common';
import { IDL } from 'azle';

import { TELEMETRY_CELLS } from '../memory';

/**
 * How long each kind of data is kept and how far ahead of IC time a device clock may run. Readings older than
 * the raw retention are refused at ingest (they would be dropped at the next sweep anyway).
 */
export interface TelemetryPolicy {
  raw_retention_days: number;
  minute_retention_days: number;
  hour_retention_days: number;
  day_retention_days: number;
  max_future_drift_ms: number;
}

export const TelemetryPolicyIdl = named(
  'TelemetryPolicy',
  IDL.Record({
    raw_retention_days: IDL.Nat32,
    minute_retention_days: IDL.Nat32,
    hour_retention_days: IDL.Nat32,
    day_retention_days: IDL.Nat32,
    max_future_drift_ms: IDL.Nat32
  })
);

export const TelemetryPolicyResultIdl = resultIdl(TelemetryPolicyIdl, CommonErrorIdl);

/** Raw readings for a month, minute rollups for a quarter, hourly for two years, daily for ten. */
export const DEFAULT_POLICY: TelemetryPolicy = {
  raw_retention_days: 30,
  minute_retention_days: 90,
  hour_retention_days: 730,
  day_retention_days: 3650,
  max_future_drift_ms: 300_000
};

const MAX_RETENTION_DAYS = 36_500;
const MAX_DRIFT_MS = 3_600_000;

/** Checks a policy: each retention from 1 day to 100 years, coarser data kept at least as long as finer data. */
export function validatePolicy(policy: TelemetryPolicy): Result<TelemetryPolicy, CommonError> {
  const order: Array<[keyof TelemetryPolicy, number]> = [
    ['raw_retention_days', policy.raw_retention_days],
    ['minute_retention_days', policy.minute_retention_days],
    ['hour_retention_days', policy.hour_retention_days],
    ['day_retention_days', policy.day_retention_days]
  ];
  for (const [i, [field, days]] of order.entries()) {
    if (days < 1 || days > MAX_RETENTION_DAYS) {
      return err(invalidArgument(field, `must be from 1 to ${MAX_RETENTION_DAYS} days`));
    }
    const finer = order[i - 1];
    if (finer !== undefined && days < finer[1]) {
      return err(invalidArgument(field, `must be at least ${finer[0]} (${finer[1]} days)`));
    }
  }
  if (policy.max_future_drift_ms > MAX_DRIFT_MS) {
    return err(invalidArgument('max_future_drift_ms', `must be at most ${MAX_DRIFT_MS} ms`));
  }
  return ok(policy);
}

/** The policy in force, kept in stable memory; the default until an admin sets one. */
export class PolicyStore {
  private readonly cell = new StableCell<TelemetryPolicy>(metaStore(), TELEMETRY_CELLS.policy, candidCodec(TelemetryPolicyIdl));

  /** The policy in force. */
  get(): TelemetryPolicy {
    return this.cell.getOr(DEFAULT_POLICY);
  }

  /** Replaces the policy after checking it. */
  set(policy: TelemetryPolicy): Result<TelemetryPolicy, CommonError> {
    const valid = validatePolicy(policy);
    if (!('Err' in valid)) {
      this.cell.set(policy);
    }
    return valid;
  }
}
