import { IDL } from '@dfinity/candid';

import { CommonErrorIdl } from './errors';
import { named } from './named_type';
import { resultIdl } from './result';

/**
 * One measured quantity summarised over a set of readings, in the fixed-point unit its field name ends with
 * (`_mv` millivolts, `_ca` centiamperes, `_dc` tenths of a degree Celsius, `_permille` tenths of a percent).
 * `mean` is a float in the same unit; `last` is the value of the latest reading by device timestamp.
 */
export interface TelemetryMetric {
  min: bigint;
  max: bigint;
  mean: number;
  last: bigint;
}

/** Candid type of TelemetryMetric. */
export const TelemetryMetricIdl = named(
  'TelemetryMetric',
  IDL.Record({ min: IDL.Int64, max: IDL.Int64, mean: IDL.Float64, last: IDL.Int64 })
);

/**
 * The quantities telemetry summarises for every battery. Per reading: the pack voltage (sum of its cells), the
 * lowest and the highest cell, the pack current (positive while charging), the hottest sensor, the state of charge.
 */
export interface TelemetryMetrics {
  pack_voltage_mv: TelemetryMetric;
  cell_min_mv: TelemetryMetric;
  cell_max_mv: TelemetryMetric;
  current_ca: TelemetryMetric;
  temperature_max_dc: TelemetryMetric;
  soc_permille: TelemetryMetric;
}

/** Candid type of TelemetryMetrics. */
export const TelemetryMetricsIdl = named(
  'TelemetryMetrics',
  IDL.Record({
    pack_voltage_mv: TelemetryMetricIdl,
    cell_min_mv: TelemetryMetricIdl,
    cell_max_mv: TelemetryMetricIdl,
    current_ca: TelemetryMetricIdl,
    temperature_max_dc: TelemetryMetricIdl,
    soc_permille: TelemetryMetricIdl
  })
);

/** A GPS position in degrees (WGS 84). */
export interface GeoPosition {
  latitude: number;
  longitude: number;
}

/** Candid type of GeoPosition. */
export const GeoPositionIdl = named('GeoPosition', IDL.Record({ latitude: IDL.Float64, longitude: IDL.Float64 }));

/**
 * What telemetry hands to `ai` after each ingest call: for every battery that received readings in that call,
 * the summary of those readings (not of the battery's whole history).
 */
export interface TelemetryFeatures {
  battery_token_id: bigint;
  device_id: string;
  /** Device timestamps (ms since the Unix epoch) of the earliest and the latest reading summarised. */
  from_ms: bigint;
  to_ms: bigint;
  readings: number;
  metrics: TelemetryMetrics;
  /** The latest GPS fix among the readings (by device timestamp), if any reading had one. */
  position: [] | [GeoPosition];
}

/** Candid type of TelemetryFeatures. */
export const TelemetryFeaturesIdl = named(
  'TelemetryFeatures',
  IDL.Record({
    battery_token_id: IDL.Nat,
    device_id: IDL.Text,
    from_ms: IDL.Nat64,
    to_ms: IDL.Nat64,
    readings: IDL.Nat32,
    metrics: TelemetryMetricsIdl,
    position: IDL.Opt(GeoPositionIdl)
  })
);

/** The method of `ai` that receives features: `ingest_features : (vec TelemetryFeatures) -> (IngestFeaturesResult)`. */
export const INGEST_FEATURES_METHOD = 'ingest_features';

/** Candid reply of `ingest_features`: the number of feature records ai took in, or why it refused them. */
export const IngestFeaturesResultIdl = resultIdl(IDL.Nat32, CommonErrorIdl);
