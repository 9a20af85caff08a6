/**
 * A reading as telemetry keeps it: scaled fixed-point integers, exactly what the chunks store and what the
 * Merkle leaves hash. Units: millivolts per cell, centiamperes (positive while charging), tenths of a degree
 * Celsius, tenths of a percent of charge, GPS in 1e-7 degrees. Timestamps are the device's, in ms since the epoch.
 */
export interface Reading {
  /** The ingest batch the reading arrived in, and its position in that batch as the device sent it. */
  batch: number;
  index: number;
  timestampMs: number;
  cellsMv: number[];
  currentCa: number;
  temperaturesDc: number[];
  socPermille: number;
  gps: GpsFix | undefined;
}

/** A position in 1e-7 degrees (the resolution of common GNSS receivers). */
export interface GpsFix {
  latE7: number;
  lonE7: number;
}

/** The per-reading quantities that rollups and features summarise (see TelemetryMetrics). */
export interface ReadingMetrics {
  packVoltageMv: number;
  cellMinMv: number;
  cellMaxMv: number;
  currentCa: number;
  temperatureMaxDc: number;
  socPermille: number;
}

/** The summarised quantities of one reading (a reading always has at least one cell and one temperature). */
export function metricsOf(reading: Reading): ReadingMetrics {
  return {
    packVoltageMv: reading.cellsMv.reduce((sum, mv) => sum + mv, 0),
    cellMinMv: Math.min(...reading.cellsMv),
    cellMaxMv: Math.max(...reading.cellsMv),
    currentCa: reading.currentCa,
    temperatureMaxDc: Math.max(...reading.temperaturesDc),
    socPermille: reading.socPermille
  };
}

/** The metric names in their fixed storage order. */
export const METRIC_NAMES = ['packVoltageMv', 'cellMinMv', 'cellMaxMv', 'currentCa', 'temperatureMaxDc', 'socPermille'] as const;
