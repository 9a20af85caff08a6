import { CommonErrorIdl, named, resultIdl, TelemetryMetrics, TelemetryMetricsIdl } from '@chargex/common';
import { IDL } from 'azle';

import { DeviceStatus, DeviceStatusIdl } from './device';
import { StoredReading, StoredReadingIdl } from './reading';

/** The wire contract of the telemetry queries. Time ranges are half-open, [from_ms, to_ms), in device time. */

/** A battery's newest reading and the device that sent it. */
export interface LatestReading {
  battery_token_id: bigint;
  device_id: string;
  reading: StoredReading;
}
export const LatestReadingIdl = named(
  'LatestReading',
  IDL.Record({ battery_token_id: IDL.Nat, device_id: IDL.Text, reading: StoredReadingIdl })
);

/** One device of a fleet listing with its battery's newest reading. */
export interface LatestEntry {
  device_id: string;
  battery_token_id: bigint;
  status: DeviceStatus;
  latest: [] | [StoredReading];
}
const LatestEntryIdl = named(
  'LatestEntry',
  IDL.Record({ device_id: IDL.Text, battery_token_id: IDL.Nat, status: DeviceStatusIdl, latest: IDL.Opt(StoredReadingIdl) })
);

export interface LatestPage {
  entries: LatestEntry[];
  next_cursor: [] | [bigint];
}
const LatestPageIdl = named('LatestPage', IDL.Record({ entries: IDL.Vec(LatestEntryIdl), next_cursor: IDL.Opt(IDL.Nat64) }));

export type Resolution = { Raw: null } | { Minute: null } | { Hour: null } | { Day: null };
export const ResolutionIdl = named('Resolution', IDL.Variant({ Raw: IDL.Null, Minute: IDL.Null, Hour: IDL.Null, Day: IDL.Null }));

/** A time range of one battery at a resolution; at most `limit` points (1 to MAX_POINTS) come back per page. */
export interface RangeRequest {
  battery_token_id: bigint;
  from_ms: bigint;
  to_ms: bigint;
  resolution: Resolution;
  limit: number;
}
export const RangeRequestIdl = named(
  'RangeRequest',
  IDL.Record({ battery_token_id: IDL.Nat, from_ms: IDL.Nat64, to_ms: IDL.Nat64, resolution: ResolutionIdl, limit: IDL.Nat32 })
);

/** One rollup bucket: its start, how many readings it summarises, and their metrics. */
export interface RollupPoint {
  start_ms: bigint;
  count: number;
  metrics: TelemetryMetrics;
}
const RollupPointIdl = named('RollupPoint', IDL.Record({ start_ms: IDL.Nat64, count: IDL.Nat32, metrics: TelemetryMetricsIdl }));

/**
 * One page of a range: raw readings (by device timestamp) or rollup points. `next_from_ms` is where to ask
 * again when the page stopped before `to_ms` (the point cap, or the scan cap on empty stretches).
 */
export interface RangePage {
  readings: StoredReading[];
  rollups: RollupPoint[];
  next_from_ms: [] | [bigint];
}
const RangePageIdl = named(
  'RangePage',
  IDL.Record({ readings: IDL.Vec(StoredReadingIdl), rollups: IDL.Vec(RollupPointIdl), next_from_ms: IDL.Opt(IDL.Nat64) })
);

export interface StatisticsRequest {
  battery_token_id: bigint;
  from_ms: bigint;
  to_ms: bigint;
}
export const StatisticsRequestIdl = named(
  'StatisticsRequest',
  IDL.Record({ battery_token_id: IDL.Nat, from_ms: IDL.Nat64, to_ms: IDL.Nat64 })
);

/** Count and metrics over whole minutes: `from_ms`/`to_ms` are the request widened to minute boundaries. */
export interface Statistics {
  from_ms: bigint;
  to_ms: bigint;
  count: bigint;
  metrics: [] | [TelemetryMetrics];
}
const StatisticsIdl = named(
  'Statistics',
  IDL.Record({ from_ms: IDL.Nat64, to_ms: IDL.Nat64, count: IDL.Nat64, metrics: IDL.Opt(TelemetryMetricsIdl) })
);

export const LatestReadingResultIdl = resultIdl(LatestReadingIdl, CommonErrorIdl);
export const LatestPageResultIdl = resultIdl(LatestPageIdl, CommonErrorIdl);
export const RangePageResultIdl = resultIdl(RangePageIdl, CommonErrorIdl);
export const StatisticsResultIdl = resultIdl(StatisticsIdl, CommonErrorIdl);
