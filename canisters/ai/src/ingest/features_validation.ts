import { CommonError, invalidArgument, TelemetryFeatures, TelemetryMetric } from '@chargex/common';

/** Most feature records one hand-off may carry (telemetry's ingest takes at most 512 readings a call). */
export const MAX_FEATURES_PER_CALL = 512;

const U64_MAX = (1n << 64n) - 1n;
const MAX_DEVICE_ID_BYTES = 255;
const encoder = new TextEncoder();

/** The first problem of a hand-off, or undefined when every record is usable. */
export function featuresProblem(features: TelemetryFeatures[]): CommonError | undefined {
  if (features.length > MAX_FEATURES_PER_CALL) {
    return invalidArgument('features', `at most ${MAX_FEATURES_PER_CALL} records a call`);
  }
  for (let i = 0; i < features.length; i++) {
    const problem = recordProblem(features[i]);
    if (problem !== undefined) {
      return invalidArgument(`features[${i}].${problem[0]}`, problem[1]);
    }
  }
  return undefined;
}

function recordProblem(record: TelemetryFeatures): [field: string, reason: string] | undefined {
  if (record.battery_token_id > U64_MAX) {
    return ['battery_token_id', 'must fit in 64 bits'];
  }
  const idBytes = encoder.encode(record.device_id).length;
  if (idBytes === 0 || idBytes > MAX_DEVICE_ID_BYTES) {
    return ['device_id', `must be 1 to ${MAX_DEVICE_ID_BYTES} bytes`];
  }
  if (record.readings < 1) {
    return ['readings', 'must be at least 1'];
  }
  if (record.from_ms > record.to_ms) {
    return ['from_ms', 'must not lie after to_ms'];
  }
  for (const [name, metric] of Object.entries(record.metrics) as Array<[string, TelemetryMetric]>) {
    if (!(metric.min <= metric.max) || !Number.isFinite(metric.mean) || metric.last < metric.min || metric.last > metric.max) {
      return [`metrics.${name}`, 'must have min <= last <= max and a finite mean'];
    }
    // The mean of integers lies between their extremes; a little slack for the float sum.
    if (metric.mean < Number(metric.min) - 1e-6 || metric.mean > Number(metric.max) + 1e-6) {
      return [`metrics.${name}`, 'must have its mean between min and max'];
    }
  }
  const position = record.position[0];
  if (position !== undefined && !(Math.abs(position.latitude) <= 90 && Math.abs(position.longitude) <= 180)) {
    return ['position', 'must be a latitude from -90 to 90 and a longitude from -180 to 180 degrees'];
  }
  return undefined;
}
