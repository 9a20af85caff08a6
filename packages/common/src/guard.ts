import { Principal } from '@dfinity/principal';
import { isController } from 'azle';

import { ConfigStore, PEER_NAMES } from './config';
import { CommonError, Requirement, requiresRole, unauthorized } from './errors';
import { err } from './result';
import { Role } from './roles/role';

/** Anything that can answer a role check locally (a RoleReplica). */
export interface RoleChecker {
  hasRole(principal: Principal, role: Role): boolean;
}

/** A refused call's reply, or undefined when the caller may proceed. */
export type Refusal = { Err: CommonError } | undefined;

/**
 * Caller checks shared by every canister. Each returns the refusal to reply with, or undefined when the caller
 * may proceed, so a method reads `return guard.requireX(caller) ?? doTheWork()`.
 */
export class CallerGuard {
  constructor(
    private readonly roles: RoleChecker,
    private readonly config: ConfigStore
  ) {}

  /** Refuses the anonymous principal. */
  requireAuthenticated(caller: Principal): Refusal {
    return caller.isAnonymous() ? err(unauthorized(caller, { Authenticated: null })) : undefined;
  }

  /** Allows only controllers of this canister. */
  requireController(caller: Principal): Refusal {
    return this.allowIf(caller, isController(caller), { Controller: null });
  }

  /** Allows admins and controllers (controllers may always act as admins, which is how the first admin is made). */
  requireAdmin(caller: Principal): Refusal {
    return this.allowIf(caller, this.isAdmin(caller), requiresRole('admin'));
  }

  /** Allows holders of `role` only. */
  requireRole(caller: Principal, role: Role): Refusal {
    return this.allowIf(caller, this.roles.hasRole(caller, role), requiresRole(role));
  }

  /** Allows the caller to act on their own behalf (`subject` is the caller), and admins on anyone's. */
  requireSelfOrAdmin(caller: Principal, subject: Principal): Refusal {
    return this.allowIf(caller, caller.compareTo(subject) === 'eq' || this.isAdmin(caller), { SelfOrAdmin: null });
  }

  /** Allows only the configured profile canister (refuses everyone while none is configured). */
  requireProfileCanister(caller: Principal): Refusal {
    const profile = this.config.peer('profile');
    return this.allowIf(caller, profile !== undefined && caller.compareTo(profile) === 'eq', { ProfileCanister: null });
  }

  /** Allows any configured peer canister, and admins. */
  requirePeerOrAdmin(caller: Principal): Refusal {
    const isPeer = PEER_NAMES.some((name) => this.config.peer(name)?.compareTo(caller) === 'eq');
    return this.allowIf(caller, isPeer || this.isAdmin(caller), { PeerCanister: null });
  }

  /** Tells whether `caller` may act as an admin here. */
  isAdmin(caller: Principal): boolean {
    return !caller.isAnonymous() && (isController(caller) || this.roles.hasRole(caller, 'admin'));
  }

  private allowIf(caller: Principal, allowed: boolean, required: Requirement): Refusal {
    return this.requireAuthenticated(caller) ?? (allowed ? undefined : err(unauthorized(caller, required)));
  }
}
