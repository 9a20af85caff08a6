import { CallerGuard, Refusal, RoleChecker } from '@chargex/common';
import { Principal } from 'azle';

/**
 * Who may do what here, on top of the shared guard. Fleet managers are admins (and controllers) and fleet
 * operators; telemetry of a battery is also readable by the owner of its device.
 */
export class TelemetryAccess {
  constructor(
    private readonly guard: CallerGuard,
    private readonly roles: RoleChecker
  ) {}

  /** Admins and fleet operators: they manage the device registry and read every battery. */
  requireFleetManager(caller: Principal): Refusal {
    return this.guard.isAdmin(caller) ? undefined : this.guard.requireRole(caller, 'fleet_operator');
  }

  /** Fleet managers, and `owner` for what is theirs. */
  requireFleetManagerOrOwner(caller: Principal, owner: Principal | undefined): Refusal {
    const isOwner = owner !== undefined && !caller.isAnonymous() && caller.compareTo(owner) === 'eq';
    return isOwner ? undefined : this.requireFleetManager(caller);
  }

  /** Relayers only: the bridge's identities. */
  requireRelayer(caller: Principal): Refusal {
    return this.guard.requireRole(caller, 'relayer');
  }

  /** Relayers (to cache device keys) and fleet managers. */
  requireKeyReader(caller: Principal): Refusal {
    return this.isRelayer(caller) ? undefined : this.requireFleetManager(caller);
  }

  /** Relayers, fleet managers, and `owner` for what is theirs. */
  requireKeyReaderOrOwner(caller: Principal, owner: Principal | undefined): Refusal {
    return this.isRelayer(caller) ? undefined : this.requireFleetManagerOrOwner(caller, owner);
  }

  private isRelayer(caller: Principal): boolean {
    return !caller.isAnonymous() && this.roles.hasRole(caller, 'relayer');
  }
}
