import { CommonError, CommonErrorIdl, err, Result, resultIdl, unauthorized } from '@chargex/common';
import { IDL, msgCaller, query, time, update } from 'azle';

import { foundation, leaseBook, leases } from '../app';
import { Lease, LeaseIdl } from '../leases/lease';

const LeaseResultIdl = resultIdl(LeaseIdl, CommonErrorIdl);

/** Leases: reading them, and ending them when the battery comes back. */
export class LeaseApi {
  /** A lease by id. */
  @query([IDL.Nat64], LeaseResultIdl)
  get_lease(leaseId: bigint): Result<Lease, CommonError> {
    return leaseBook.get(leaseId);
  }

  /** The running lease of a battery, if it is leased. */
  @query([IDL.Nat], IDL.Opt(LeaseIdl))
  lease_of_battery(tokenId: bigint): [] | [Lease] {
    const lease = leases.openLeaseOf(tokenId);
    return lease === undefined ? [] : [lease];
  }

  /**
   * Confirms the battery is back and settles the deposit (see Settlement). For the lessor (the token's holder),
   * fleet operators and admins: the lessee cannot end a lease by declaring the battery returned.
   */
  @update([IDL.Nat64], LeaseResultIdl)
  return_lease(leaseId: bigint): Result<Lease, CommonError> {
    const caller = msgCaller();
    const { guard } = foundation;
    const refused = guard.requireAuthenticated(caller);
    if (refused !== undefined) {
      return refused;
    }
    const lease = leaseBook.get(leaseId);
    if ('Err' in lease) {
      return lease;
    }
    const isLessor = leaseBook.lessorOf(lease.Ok).owner.compareTo(caller) === 'eq';
    if (!isLessor && !foundation.roles.hasRole(caller, 'fleet_operator') && !guard.isAdmin(caller)) {
      return err(unauthorized(caller, { Role: { fleet_operator: null } }));
    }
    return leaseBook.settleReturn(leaseId, time());
  }
}
