import { CommonError, CommonErrorIdl, err, invalidArgument, ok, Result, resultIdl, unauthorized, unavailable } from '@chargex/common';
import { IDL, msgCaller, Principal, query, update } from 'azle';

import { isStaff, requireStaff } from '../access';
import { foundation, rules, technicians } from '../app';
import { readBatteryParties } from '../routing/battery_parties';
import { AlertRule, AlertRuleIdl, RuleScope, RuleScopeIdl, ScopedRule, ScopedRuleIdl } from '../rules/rule';

const EmptyResultIdl = resultIdl(IDL.Null, CommonErrorIdl);

/**
 * Rules and technician assignments. Admins set the defaults; a fleet's owner (or an admin) its fleet's rules;
 * a battery's owner (or an admin) its battery's rules and technicians. Ownership is asked of leasing.
 */
export class RulesApi {
  /** Sets the rule for one kind in a scope, replacing the one there. */
  @update([RuleScopeIdl, AlertRuleIdl], resultIdl(ScopedRuleIdl, CommonErrorIdl))
  async set_rule(scope: RuleScope, rule: AlertRule): Promise<Result<ScopedRule, CommonError>> {
    return (await requireScopeOwner(msgCaller(), scope)) ?? rules.set(scope, rule);
  }

  /** Removes the rule for one kind in a scope (the next more general rule applies again). */
  @update([RuleScopeIdl, IDL.Text], EmptyResultIdl)
  async remove_rule(scope: RuleScope, kind: string): Promise<Result<null, CommonError>> {
    return (await requireScopeOwner(msgCaller(), scope)) ?? rules.remove(scope, kind);
  }

  /** The rules set in a scope (admins and fleet operators). */
  @query([RuleScopeIdl], resultIdl(IDL.Vec(AlertRuleIdl), CommonErrorIdl))
  list_rules(scope: RuleScope): Result<AlertRule[], CommonError> {
    return requireStaff(msgCaller()) ?? ok(rules.inScope(scope));
  }

  /** Assigns a technician (a holder of the technician role) to a battery: they receive its alerts. */
  @update([IDL.Nat, IDL.Principal], EmptyResultIdl)
  async assign_technician(tokenId: bigint, technician: Principal): Promise<Result<null, CommonError>> {
    const refused = await requireScopeOwner(msgCaller(), { battery: tokenId });
    if (refused !== undefined) {
      return refused;
    }
    if (!foundation.roles.hasRole(technician, 'technician')) {
      return err(invalidArgument('technician', `${technician.toText()} does not hold the technician role`));
    }
    return technicians.assign(tokenId, technician) ? ok(null) : err(invalidArgument('token_id', 'the battery already has the most technicians allowed (20)'));
  }

  /** Takes a technician off a battery. */
  @update([IDL.Nat, IDL.Principal], EmptyResultIdl)
  async unassign_technician(tokenId: bigint, technician: Principal): Promise<Result<null, CommonError>> {
    const refused = await requireScopeOwner(msgCaller(), { battery: tokenId });
    if (refused !== undefined) {
      return refused;
    }
    return technicians.unassign(tokenId, technician) ? ok(null) : err(invalidArgument('technician', 'is not assigned to this battery'));
  }

  /** The technicians assigned to a battery (staff). */
  @query([IDL.Nat], resultIdl(IDL.Vec(IDL.Principal), CommonErrorIdl))
  technicians_of(tokenId: bigint): Result<Principal[], CommonError> {
    return requireStaff(msgCaller()) ?? ok(technicians.of(tokenId));
  }
}

/** Who may change a scope: admins any; a fleet owner their fleet; a battery's owner that battery. */
async function requireScopeOwner(caller: Principal, scope: RuleScope): Promise<{ Err: CommonError } | undefined> {
  const { guard } = foundation;
  const refused = guard.requireAuthenticated(caller);
  if (refused !== undefined || guard.isAdmin(caller)) {
    return refused;
  }
  if ('default' in scope) {
    return guard.requireAdmin(caller);
  }
  if ('fleet' in scope) {
    return scope.fleet.compareTo(caller) === 'eq' && isStaff(caller) ? undefined : err(unauthorized(caller, { SelfOrAdmin: null }));
  }
  const leasing = foundation.config.peer('leasing');
  if (leasing === undefined) {
    return err(unavailable('no leasing canister is configured to say who owns the battery'));
  }
  const parties = await readBatteryParties(leasing, scope.battery);
  if (typeof parties === 'string') {
    return err(unavailable(parties));
  }
  return parties.owner?.compareTo(caller) === 'eq' ? undefined : err(unauthorized(caller, { SelfOrAdmin: null }));
}
