import { CommonError, err, GeoPosition, invalidArgument, named, ok, Result } from '@chargex/common';
import { IDL, Principal } from 'azle';

/** Where a set of geofences applies: every battery of a fleet (its owner), or one battery. */
export type GeofenceScope = { fleet: Principal } | { battery: bigint };

/** Candid type of GeofenceScope. */
export const GeofenceScopeIdl = named('GeofenceScope', IDL.Variant({ fleet: IDL.Principal, battery: IDL.Nat }));

/** A circle batteries are allowed in: a depot, a station's yard, a customer's site. */
export interface Geofence {
  name: string;
  latitude: number;
  longitude: number;
  radius_m: number;
}

/** Candid type of Geofence. */
export const GeofenceIdl = named('Geofence', IDL.Record({ name: IDL.Text, latitude: IDL.Float64, longitude: IDL.Float64, radius_m: IDL.Float64 }));

/** Most geofences in one scope. */
export const MAX_GEOFENCES = 20;
const EARTH_RADIUS_M = 6_371_000;

/** Checks a scope's geofences: names, coordinates on the globe, radii from 10 m to 1,000 km. */
export function validateGeofences(fences: Geofence[]): Result<null, CommonError> {
  if (fences.length > MAX_GEOFENCES) {
    return err(invalidArgument('geofences', `must hold at most ${MAX_GEOFENCES} geofences`));
  }
  for (const [i, fence] of fences.entries()) {
    const field = (name: string) => `geofences[${i}].${name}`;
    if (fence.name.trim().length === 0 || fence.name.length > 64) return err(invalidArgument(field('name'), 'must be 1 to 64 characters'));
    if (!(Math.abs(fence.latitude) <= 90)) return err(invalidArgument(field('latitude'), 'must be from -90 to 90 degrees'));
    if (!(Math.abs(fence.longitude) <= 180)) return err(invalidArgument(field('longitude'), 'must be from -180 to 180 degrees'));
    if (!(fence.radius_m >= 10 && fence.radius_m <= 1_000_000)) return err(invalidArgument(field('radius_m'), 'must be from 10 m to 1,000 km'));
  }
  return ok(null);
}

/** Great-circle distance between two positions, metres (haversine; ample for fences of metres to kilometres). */
export function distanceM(a: GeoPosition, b: GeoPosition): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** How far outside the nearest fence a position lies, metres (0 or less: inside one). */
export function distanceOutsideM(position: GeoPosition, fences: Geofence[]): number {
  return Math.min(...fences.map((fence) => distanceM(position, fence) - fence.radius_m));
}
