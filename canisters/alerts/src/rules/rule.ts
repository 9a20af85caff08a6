import { AlertSeverity, AlertSeverityIdl, named } from '@chargex/common';
import { IDL, Principal } from 'azle';

/** Where a rule applies: every battery, the batteries of one fleet (their owner), or one battery. */
export type RuleScope = { default: null } | { fleet: Principal } | { battery: bigint };

/** Candid type of RuleScope. */
export const RuleScopeIdl = named('RuleScope', IDL.Variant({ default: IDL.Null, fleet: IDL.Principal, battery: IDL.Nat }));

/**
 * How one kind of condition becomes an alert in a scope: whether it raises alerts at all, the severity people
 * see (the source's when none), and a threshold the signal's value must reach (at or below it for kinds where
 * lower is worse, such as under-voltage; at or above it otherwise).
 */
export interface AlertRule {
  kind: string;
  enabled: boolean;
  severity: [] | [AlertSeverity];
  threshold: [] | [number];
}

/** Candid type of AlertRule. */
export const AlertRuleIdl = named(
  'AlertRule',
  IDL.Record({ kind: IDL.Text, enabled: IDL.Bool, severity: IDL.Opt(AlertSeverityIdl), threshold: IDL.Opt(IDL.Float64) })
);

/** A rule with the scope it is set in. */
export interface ScopedRule {
  scope: RuleScope;
  rule: AlertRule;
}

/** Candid type of ScopedRule. */
export const ScopedRuleIdl = named('ScopedRule', IDL.Record({ scope: RuleScopeIdl, rule: AlertRuleIdl }));

/** Kinds whose value is worse the lower it is (a rule's threshold is a floor for them). */
export const LOWER_IS_WORSE: readonly string[] = ['under_voltage', 'state_of_health_low', 'energy_delivery_short'];

/** The stored form of a scope, which orders and groups a scope's rules together. */
export function scopeKey(scope: RuleScope): string {
  if ('fleet' in scope) {
    return `fleet:${scope.fleet.toText()}`;
  }
  if ('battery' in scope) {
    return `battery:${scope.battery}`;
  }
  return 'default';
}
