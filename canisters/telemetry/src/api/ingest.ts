import { CommonErrorIdl, named, resultIdl } from '@chargex/common';
import { IDL } from 'azle';

import { DeviceStatus, DeviceStatusIdl } from './device';
import { ReadingInput, ReadingInputIdl } from './reading';

/** The wire contract of `ingest`. */

/** One device's batch as relayed by the bridge: (device_id, sequence) identifies it for deduplication. */
export interface DeviceBatch {
  device_id: string;
  sequence: bigint;
  timestamp_ms: bigint;
  readings: ReadingInput[];
}
export const DeviceBatchIdl = named(
  'DeviceBatch',
  IDL.Record({ device_id: IDL.Text, sequence: IDL.Nat64, timestamp_ms: IDL.Nat64, readings: IDL.Vec(ReadingInputIdl) })
);

/** A device timestamp outside what the policy allows: [earliest_ms, latest_ms] at the time of ingest. */
export interface TimestampWindow {
  timestamp_ms: bigint;
  earliest_ms: bigint;
  latest_ms: bigint;
}
const TimestampWindowIdl = named(
  'TimestampWindow',
  IDL.Record({ timestamp_ms: IDL.Nat64, earliest_ms: IDL.Nat64, latest_ms: IDL.Nat64 })
);

/** Why one reading was refused (the rest of its batch is kept). `field` names the value, e.g. `cell_voltages_v[3]`. */
export type ReadingError =
  | { NotFinite: { field: string } }
  | { OutOfRange: { field: string; value: number; min: number; max: number } }
  | { BadShape: { field: string; reason: string } }
  | { TimestampOutOfWindow: TimestampWindow };
export const ReadingErrorIdl = named(
  'ReadingError',
  IDL.Variant({
    NotFinite: IDL.Record({ field: IDL.Text }),
    OutOfRange: IDL.Record({ field: IDL.Text, value: IDL.Float64, min: IDL.Float64, max: IDL.Float64 }),
    BadShape: IDL.Record({ field: IDL.Text, reason: IDL.Text }),
    TimestampOutOfWindow: TimestampWindowIdl
  })
);

export interface RejectedReading {
  index: number;
  error: ReadingError;
}
export const RejectedReadingIdl = named('RejectedReading', IDL.Record({ index: IDL.Nat32, error: ReadingErrorIdl }));

/**
 * Why a whole batch was refused. Refused batches are not remembered: once the cause is fixed (device registered
 * or reactivated), the same (device_id, sequence) can be sent again.
 */
export type BatchError =
  | { UnknownDevice: null }
  | { DeviceNotActive: { status: DeviceStatus } }
  | { NoReadings: null }
  | { TooManyReadings: { count: number; max: number } }
  | { TimestampOutOfWindow: TimestampWindow };
export const BatchErrorIdl = named(
  'BatchError',
  IDL.Variant({
    UnknownDevice: IDL.Null,
    DeviceNotActive: IDL.Record({ status: DeviceStatusIdl }),
    NoReadings: IDL.Null,
    TooManyReadings: IDL.Record({ count: IDL.Nat32, max: IDL.Nat32 }),
    TimestampOutOfWindow: TimestampWindowIdl
  })
);

/**
 * A stored batch: how many readings were kept, which were refused and why, and the Merkle root over the kept
 * ones (none when every reading was refused). `duplicate` is true when (device_id, sequence) had been stored
 * before: the answer is then the outcome of that first ingest, and nothing was stored again.
 */
export interface StoredBatch {
  batch_number: bigint;
  accepted: number;
  rejected: RejectedReading[];
  merkle_root: [] | [Uint8Array];
  duplicate: boolean;
}
export const StoredBatchIdl = named(
  'StoredBatch',
  IDL.Record({
    batch_number: IDL.Nat64,
    accepted: IDL.Nat32,
    rejected: IDL.Vec(RejectedReadingIdl),
    merkle_root: IDL.Opt(IDL.Vec(IDL.Nat8)),
    duplicate: IDL.Bool
  })
);

/** The outcome of one batch, at the batch's position in the call. */
export type BatchOutcome = { Stored: StoredBatch } | { Refused: { device_id: string; sequence: bigint; error: BatchError } };
export const BatchOutcomeIdl = named(
  'BatchOutcome',
  IDL.Variant({
    Stored: StoredBatchIdl,
    Refused: IDL.Record({ device_id: IDL.Text, sequence: IDL.Nat64, error: BatchErrorIdl })
  })
);

export const IngestResultIdl = resultIdl(IDL.Vec(BatchOutcomeIdl), CommonErrorIdl);

/** The size limits of one `ingest` call (ingest/limits.ts), for relayers to shape their calls by. */
export interface IngestLimits {
  max_batches_per_call: number;
  max_readings_per_call: number;
  max_readings_per_batch: number;
  max_cells: number;
  max_temperatures: number;
}
export const IngestLimitsIdl = named(
  'IngestLimits',
  IDL.Record({
    max_batches_per_call: IDL.Nat32,
    max_readings_per_call: IDL.Nat32,
    max_readings_per_batch: IDL.Nat32,
    max_cells: IDL.Nat32,
    max_temperatures: IDL.Nat32
  })
);
