import { candidCodec, OrderedKey } from '@chargex/common';
import { IDL, Principal, StableBTreeMap } from 'azle';

import { AI_MEMORY } from '../memory';
import { Geofence, GeofenceIdl, GeofenceScope } from './geofence';

/**
 * The geofences of each scope, and each battery's owner (its fleet) as leasing told it: a battery is held to its
 * own geofences if it has any, else to its fleet's.
 */
export class GeofenceStore {
  private readonly fences = new StableBTreeMap<string, Geofence[]>(AI_MEMORY.geofences, OrderedKey.text, candidCodec(IDL.Vec(GeofenceIdl)));
  private readonly owners = new StableBTreeMap<bigint, Principal>(AI_MEMORY.batteryOwners, OrderedKey.u64, OrderedKey.principal);

  set(scope: GeofenceScope, fences: Geofence[]): void {
    if (fences.length === 0) {
      this.fences.remove(scopeKey(scope));
    } else {
      this.fences.insert(scopeKey(scope), fences);
    }
  }

  of(scope: GeofenceScope): Geofence[] {
    return this.fences.get(scopeKey(scope)) ?? [];
  }

  /** The geofences a battery is held to (none: it may be anywhere). */
  forBattery(tokenId: bigint): Geofence[] {
    const own = this.fences.get(scopeKey({ battery: tokenId }));
    if (own !== undefined) {
      return own;
    }
    const owner = this.owners.get(tokenId);
    return owner === undefined ? [] : this.of({ fleet: owner });
  }

  setOwner(tokenId: bigint, owner: Principal): void {
    this.owners.insert(tokenId, owner);
  }

  ownerOf(tokenId: bigint): Principal | undefined {
    return this.owners.get(tokenId);
  }
}

function scopeKey(scope: GeofenceScope): string {
  return 'fleet' in scope ? `fleet:${scope.fleet.toText()}` : `battery:${scope.battery}`;
}
