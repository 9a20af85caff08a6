import {
  alreadyExists,
  CommonError,
  err,
  invalidArgument,
  notFound,
  ok,
  Result,
  Role,
  RoleAction,
  RoleChange,
  RoleReplica,
  roleToVariant
} from '@chargex/common';
import { Principal } from 'azle';

import { RoleLog } from './role_log';
import { RoleMembers } from './role_members';

/**
 * Grants and revokes roles: appends the change to the log, applies it to profile's own replica (the same code
 * every peer runs) and keeps the per-role member lists. Who may do this is checked by the caller of these methods.
 */
export class RoleAdmin {
  constructor(
    private readonly replica: RoleReplica,
    private readonly log: RoleLog,
    private readonly members: RoleMembers
  ) {}

  /** Gives `role` to `principal`. */
  grant(by: Principal, principal: Principal, role: Role, now: bigint): Result<RoleChange, CommonError> {
    const refused = holderProblem(principal);
    if (refused !== undefined) {
      return err(refused);
    }
    if (this.replica.hasRole(principal, role)) {
      return err(alreadyExists('role', `${principal.toText()} ${role}`));
    }
    return ok(this.record(by, principal, role, { Grant: null }, now));
  }

  /** Takes `role` from `principal`. */
  revoke(by: Principal, principal: Principal, role: Role, now: bigint): Result<RoleChange, CommonError> {
    if (!this.replica.hasRole(principal, role)) {
      return err(notFound('role', `${principal.toText()} ${role}`));
    }
    return ok(this.record(by, principal, role, { Revoke: null }, now));
  }

  private record(by: Principal, principal: Principal, role: Role, action: RoleAction, now: bigint): RoleChange {
    const change = this.log.append((seq) => ({ seq, principal, role: roleToVariant(role), action, by, at: now }));
    if (this.replica.apply([change]).applied !== 1) {
      throw new Error(`role replica is not in step with the role log at ${change.seq}`);
    }
    if ('Grant' in action) {
      this.members.add(role, principal);
    } else {
      this.members.remove(role, principal);
    }
    return change;
  }
}

function holderProblem(principal: Principal): CommonError | undefined {
  return principal.isAnonymous() ? invalidArgument('principal', 'the anonymous principal cannot hold roles') : undefined;
}
