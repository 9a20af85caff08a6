import { GeoPosition, TelemetryFeatures, TelemetryMetric } from '@chargex/common';

/** One metric of a summary as plain numbers, in telemetry's fixed-point unit. */
export interface MetricView {
  min: number;
  max: number;
  mean: number;
  last: number;
}

/**
 * One battery's summary from one hand-off, in plain numbers: what the estimators and detectors read. Currents
 * are converted to amperes; the other metrics keep telemetry's units (mV, tenths of a degree, permille).
 */
export interface Summary {
  fromMs: number;
  toMs: number;
  readings: number;
  packMv: MetricView;
  cellMinMv: MetricView;
  cellMaxMv: MetricView;
  currentA: MetricView;
  temperatureDc: MetricView;
  socPermille: MetricView;
  /** The latest GPS fix of the summarised readings. */
  position: GeoPosition | undefined;
}

function view(metric: TelemetryMetric, scale = 1): MetricView {
  return { min: Number(metric.min) * scale, max: Number(metric.max) * scale, mean: metric.mean * scale, last: Number(metric.last) * scale };
}

/** The numeric view of a feature record. */
export function summaryOf(features: TelemetryFeatures): Summary {
  const { metrics } = features;
  return {
    fromMs: Number(features.from_ms),
    toMs: Number(features.to_ms),
    readings: features.readings,
    packMv: view(metrics.pack_voltage_mv),
    cellMinMv: view(metrics.cell_min_mv),
    cellMaxMv: view(metrics.cell_max_mv),
    currentA: view(metrics.current_ca, 0.01),
    temperatureDc: view(metrics.temperature_max_dc),
    socPermille: view(metrics.soc_permille),
    position: features.position[0]
  };
}

/** Largest current either way, amperes. */
export function peakCurrentA(summary: Summary): number {
  return Math.max(Math.abs(summary.currentA.min), Math.abs(summary.currentA.max));
}
