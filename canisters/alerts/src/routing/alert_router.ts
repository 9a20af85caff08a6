import { BackgroundTask, OrderedKey } from '@chargex/common';
import { Principal, StableBTreeMap, time } from 'azle';

import { Alert, withEvent } from '../alert/alert';
import { AlertStore } from '../alert/alert_store';
import { DeliveryPlanner } from '../delivery/delivery_planner';
import { FeedStore } from '../feed/feed_store';
import { MuteList } from '../feed/mute_list';
import { ALERTS_MEMORY } from '../memory';
import { RuleBook } from '../rules/rule_book';
import { BatteryParties, readBatteryParties } from './battery_parties';
import { TechnicianAssignments } from './technician_assignments';

/** Most alerts one routing run takes (each may cost two calls to leasing). */
const ALERTS_PER_RUN = 50;

/**
 * Works out who receives each new alert, after the message that raised it: the battery's owner and current
 * lessee (asked of leasing) and its assigned technicians; applies the rules (battery, then fleet = owner, then
 * default); puts the alert in each recipient's feed unless they muted it, and plans its webhook deliveries. The
 * queue is stable: an alert waits there through a failed call to leasing, a trap or an upgrade.
 */
export class AlertRouter {
  private readonly queue = new StableBTreeMap<bigint, number>(ALERTS_MEMORY.routingQueue, OrderedKey.u64, OrderedKey.u8);
  private readonly task = new BackgroundTask(() => this.run(), 5, 300);
  private lastFailure: string | undefined;

  constructor(
    private readonly alerts: AlertStore,
    private readonly rules: RuleBook,
    private readonly technicians: TechnicianAssignments,
    private readonly feeds: FeedStore,
    private readonly mutes: MuteList,
    private readonly deliveries: DeliveryPlanner,
    private readonly leasing: () => Principal | undefined
  ) {}

  enqueue(alertId: bigint): void {
    this.queue.insert(alertId, 1);
    this.task.kick();
  }

  /** Call from @init and @postUpgrade: routes what was left waiting. */
  resume(): void {
    if (this.queue.len() > 0) {
      this.task.kick();
    }
  }

  pending(): number {
    return this.queue.len();
  }

  failure(): string | undefined {
    return this.lastFailure;
  }

  /** Routes queued alerts in order; false (retried with backoff) when leasing could not be asked. */
  private async run(): Promise<boolean> {
    while (this.queue.len() > 0) {
      const batch = this.queue.keys(0, ALERTS_PER_RUN);
      const parties = new Map<bigint, BatteryParties>();
      for (const alertId of batch) {
        const alert = this.alerts.get(alertId);
        const tokenId = alert?.battery_token_id[0];
        if (alert !== undefined && tokenId !== undefined && !parties.has(tokenId)) {
          const found = await this.partiesOf(tokenId);
          if (typeof found === 'string') {
            this.lastFailure = found;
            console.log(`alerts: ${found}`);
            return false;
          }
          parties.set(tokenId, found);
        }
      }
      for (const alertId of batch) {
        const alert = this.alerts.get(alertId);
        if (alert !== undefined) {
          const tokenId = alert.battery_token_id[0];
          this.route(alert, tokenId === undefined ? { owner: undefined, lessee: undefined } : parties.get(tokenId)!);
        }
        this.queue.remove(alertId);
      }
    }
    this.lastFailure = undefined;
    return true;
  }

  private async partiesOf(tokenId: bigint): Promise<BatteryParties | string> {
    const leasing = this.leasing();
    return leasing === undefined ? { owner: undefined, lessee: undefined } : readBatteryParties(leasing, tokenId);
  }

  private route(alert: Alert, parties: BatteryParties): void {
    // Read again: the alert may have been folded into or resolved while leasing was being asked.
    const current = this.alerts.get(alert.id) ?? alert;
    const verdict = this.rules.judge(current, parties.owner);
    const recipients = verdict.suppressed ? [] : this.recipientsOf(current, parties);
    const note = verdict.suppressed
      ? `Kept from people by the ${verdict.decidedBy} rule for ${current.kind}.`
      : `Sent to ${recipients.length} ${recipients.length === 1 ? 'person' : 'people'}.`;
    const routed = withEvent(
      { ...current, severity: verdict.severity, recipients, routed: true, suppressed: verdict.suppressed },
      { at_ns: time(), by: [], action: verdict.suppressed ? { suppressed: null } : { routed: null }, note }
    );
    this.alerts.put(routed);
    for (const person of recipients) {
      if (!this.mutes.silences(person, routed.kind, routed.battery_token_id)) {
        this.feeds.add(person, routed.id);
        this.deliveries.plan(routed, person);
      }
    }
  }

  /** Owner, lessee and assigned technicians, each once. */
  private recipientsOf(alert: Alert, parties: BatteryParties): Principal[] {
    const tokenId = alert.battery_token_id[0];
    const candidates = [parties.owner, parties.lessee, ...(tokenId === undefined ? [] : this.technicians.of(tokenId))];
    const unique = new Map<string, Principal>();
    for (const person of candidates) {
      if (person !== undefined && !person.isAnonymous()) {
        unique.set(person.toText(), person);
      }
    }
    return [...unique.values()];
  }
}
