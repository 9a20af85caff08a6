import { CommonError, CommonErrorIdl, err, isErr, ok, Result, resultIdl, unauthorized } from '@chargex/common';
import { IDL, msgCaller, Principal, query, update } from 'azle';

import { requireReader } from '../access';
import { foundation, geofences } from '../app';
import { Geofence, GeofenceIdl, GeofenceScope, GeofenceScopeIdl, validateGeofences } from '../geofence/geofence';

const GeofencesResultIdl = resultIdl(IDL.Vec(GeofenceIdl), CommonErrorIdl);

/**
 * Geofences: where a fleet's batteries (or one battery) may be. A battery outside all of its geofences, by its
 * latest GPS fix, raises a `geofence_exit` anomaly, which clears once it is back inside.
 */
export class GeofenceApi {
  /** Replaces the geofences of a scope (an empty list removes them): admins, or the fleet's owner / the battery's owner. */
  @update([GeofenceScopeIdl, IDL.Vec(GeofenceIdl)], GeofencesResultIdl)
  set_geofences(scope: GeofenceScope, fences: Geofence[]): Result<Geofence[], CommonError> {
    const refused = requireScopeOwner(msgCaller(), scope);
    if (refused !== undefined) {
      return refused;
    }
    const valid = validateGeofences(fences);
    if (isErr(valid)) {
      return valid;
    }
    geofences.set(scope, fences);
    return ok(fences);
  }

  /** The geofences of a scope (fleet operators, technicians, admins). */
  @query([GeofenceScopeIdl], GeofencesResultIdl)
  list_geofences(scope: GeofenceScope): Result<Geofence[], CommonError> {
    return requireReader(msgCaller()) ?? ok(geofences.of(scope));
  }
}

/** Admins may set any scope; a fleet operator their own fleet and the batteries leasing says they own. */
function requireScopeOwner(caller: Principal, scope: GeofenceScope): { Err: CommonError } | undefined {
  const { guard, roles } = foundation;
  if (guard.isAdmin(caller)) {
    return undefined;
  }
  const refused = guard.requireRole(caller, 'fleet_operator');
  if (refused !== undefined) {
    return refused;
  }
  const owner = 'fleet' in scope ? scope.fleet : geofences.ownerOf(scope.battery);
  return owner !== undefined && owner.compareTo(caller) === 'eq' && roles.hasRole(caller, 'fleet_operator') ? undefined : err(unauthorized(caller, { SelfOrAdmin: null }));
}
