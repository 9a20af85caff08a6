import { Finding } from '../anomaly/finding';
import { Summary } from '../ingest/summary';
import { distanceOutsideM, Geofence } from './geofence';

/** A battery outside every geofence it is held to, by its latest GPS fix. */
export function geofenceFinding(summary: Summary, fences: Geofence[]): Finding | undefined {
  const position = summary.position;
  if (position === undefined || fences.length === 0) {
    return undefined;
  }
  const outside = distanceOutsideM(position, fences);
  if (outside <= 0) {
    return undefined;
  }
  const names = fences.map((fence) => fence.name).join(', ');
  return {
    kind: 'geofence_exit',
    severity: 'warning',
    value: Math.round(outside),
    threshold: 0,
    unit: 'm',
    detail: `The battery is ${Math.round(outside)} m outside its geofences (${names}), at ${position.latitude.toFixed(5)}, ${position.longitude.toFixed(5)}.`
  };
}
