import {
  ALERT_SIGNAL_KINDS,
  AlertSeverity,
  candidCodec,
  CommonError,
  err,
  invalidArgument,
  notFound,
  ok,
  OrderedKey,
  Result
} from '@chargex/common';
import { Principal, StableBTreeMap } from 'azle';

import { Alert } from '../alert/alert';
import { ALERTS_MEMORY } from '../memory';
import { AlertRule, AlertRuleIdl, LOWER_IS_WORSE, RuleScope, scopeKey, ScopedRule } from './rule';

const KNOWN_KINDS: readonly string[] = Object.values(ALERT_SIGNAL_KINDS).flat();

/** What the rules make of an alert: whether people get it, and at which severity. */
export interface RuleVerdict {
  suppressed: boolean;
  severity: AlertSeverity;
  /** Which scope decided, for the alert's history. */
  decidedBy: string;
}

/**
 * The rules, by scope and kind. The most specific rule for a kind decides: the battery's, else its fleet's, else
 * the default; with no rule at all the source's judgement stands (every kind raises an alert at its severity).
 */
export class RuleBook {
  private readonly rules = new StableBTreeMap<[string, string], AlertRule>(
    ALERTS_MEMORY.rules,
    OrderedKey.tuple(OrderedKey.text, OrderedKey.text),
    candidCodec(AlertRuleIdl)
  );

  set(scope: RuleScope, rule: AlertRule): Result<ScopedRule, CommonError> {
    if (!KNOWN_KINDS.includes(rule.kind)) {
      return err(invalidArgument('rule.kind', `must be one of the kinds sources report: ${KNOWN_KINDS.join(', ')}`));
    }
    const threshold = rule.threshold[0];
    if (threshold !== undefined && !Number.isFinite(threshold)) {
      return err(invalidArgument('rule.threshold', 'must be a finite number'));
    }
    this.rules.insert([scopeKey(scope), rule.kind], rule);
    return ok({ scope, rule });
  }

  remove(scope: RuleScope, kind: string): Result<null, CommonError> {
    const removed = this.rules.remove([scopeKey(scope), kind]);
    return removed === undefined ? err(notFound('alert rule', `${scopeKey(scope)}/${kind}`)) : ok(null);
  }

  /** The rules set in one scope, one per kind (at most one per known kind, so this stays small). */
  inScope(scope: RuleScope): AlertRule[] {
    const key = scopeKey(scope);
    return KNOWN_KINDS.flatMap((kind) => this.rules.get([key, kind]) ?? []);
  }

  count(): number {
    return this.rules.len();
  }

  /** Applies the most specific rule for the alert's kind, given the owner of its battery (its fleet) if known. */
  judge(alert: Alert, fleet: Principal | undefined): RuleVerdict {
    const scopes: RuleScope[] = [];
    const tokenId = alert.battery_token_id[0];
    if (tokenId !== undefined) {
      scopes.push({ battery: tokenId });
    }
    if (fleet !== undefined) {
      scopes.push({ fleet });
    }
    scopes.push({ default: null });
    for (const scope of scopes) {
      const rule = this.rules.get([scopeKey(scope), alert.kind]);
      if (rule !== undefined) {
        return { suppressed: !rule.enabled || !reaches(alert, rule), severity: rule.severity[0] ?? alert.severity, decidedBy: scopeKey(scope) };
      }
    }
    return { suppressed: false, severity: alert.severity, decidedBy: 'source' };
  }
}

/** Whether the alert's latest value reaches the rule's threshold (always, without a threshold or a value). */
function reaches(alert: Alert, rule: AlertRule): boolean {
  const threshold = rule.threshold[0];
  const value = alert.evidence.value[0];
  if (threshold === undefined || value === undefined) {
    return true;
  }
  return LOWER_IS_WORSE.includes(alert.kind) ? value <= threshold : value >= threshold;
}
