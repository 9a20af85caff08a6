import { setTimer, time } from 'azle';

import { AlertStore } from '../alert/alert_store';
import { Delivery, withLogEntry } from './delivery';
import { DeliveryQueue } from './delivery_queue';
import { DeliverySettingsStore, quietUntil } from './delivery_settings';
import { EndpointStore } from './endpoint_store';
import { RateLimiter } from './rate_limiter';
import { webhookRequest } from './webhook_request';
import { sendWebhook, SendOutcome } from './webhook_sender';

/** Deliveries one run sends (concurrently: each outcall is its own round of consensus). */
const DELIVERIES_PER_RUN = 10;
/** Tries before a delivery is given up: 30 s after the first failure, doubling, about 64 minutes in all. */
export const MAX_TRIES = 8;
const FIRST_RETRY_NS = 30_000_000_000n;
/** Outcalls time out well within this; a run still marked under way after it was lost to a trap. */
const LOST_RUN_NS = 10n * 60n * 1_000_000_000n;

/**
 * Posts due deliveries. A timer is armed for the earliest due delivery (none while nothing waits, so an idle
 * canister pays for no wake-ups; a timer made stale by an earlier one finds nothing due). Before posting, quiet
 * hours (critical alerts excepted) and the person's hourly limit may hold a delivery to a later time; a failed
 * try is retried with exponential backoff until MAX_TRIES, then given up; an endpoint's refusal (a 4xx other than
 * 408 and 429) gives up at once.
 */
export class DeliveryWorker {
  /** When the armed timers fire. Timers are never cleared: Azle 0.33 panics clearing one from inside a callback. */
  private readonly armed = new Set<bigint>();
  /** When the run under way started; a run older than a few minutes was lost to a trap after an await. */
  private runningSince: bigint | undefined;

  constructor(
    private readonly queue: DeliveryQueue,
    private readonly alerts: AlertStore,
    private readonly endpoints: EndpointStore,
    private readonly settings: DeliverySettingsStore,
    private readonly limiter: RateLimiter
  ) {}

  /** Makes sure a run happens by `dueNs` (call after planning a delivery, and from @init/@postUpgrade). */
  wake(dueNs: bigint | undefined = this.queue.nextDueNs()): void {
    if (dueNs === undefined || [...this.armed].some((atNs) => atNs <= dueNs)) {
      return;
    }
    const now = time();
    const delaySeconds = dueNs <= now ? 0 : Number((dueNs - now + 999_999_999n) / 1_000_000_000n);
    this.armed.add(dueNs);
    setTimer(delaySeconds, () => this.run(dueNs));
  }

  private async run(armedFor: bigint): Promise<void> {
    this.armed.delete(armedFor);
    const now = time();
    if (this.runningSince !== undefined && now - this.runningSince < LOST_RUN_NS) {
      return;
    }
    this.runningSince = now;
    try {
      const due = this.queue.dueBy(time(), DELIVERIES_PER_RUN);
      await Promise.all(due.map((delivery) => this.attempt(delivery)));
    } finally {
      this.runningSince = undefined;
      this.wake();
    }
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const now = time();
    const endpoint = this.endpoints.find(delivery.person, delivery.endpoint_id);
    const alert = this.alerts.get(delivery.alert_id);
    if (endpoint === undefined || alert === undefined) {
      this.finish(delivery, { given_up: null }, now, [], 'The webhook was removed before the alert could be posted.', 0n);
      return;
    }
    const settings = this.settings.of(delivery.person);
    const quiet = 'critical' in alert.severity ? undefined : settings.quiet_hours[0] && quietUntil(settings.quiet_hours[0], now);
    if (quiet !== undefined) {
      this.hold(delivery, quiet, now, 'Held for quiet hours.');
      return;
    }
    const nextHour = this.limiter.take(delivery.person, settings.max_per_hour, now);
    if (nextHour !== undefined) {
      this.hold(delivery, nextHour, now, `Held: ${settings.max_per_hour} posts this hour already.`);
      return;
    }
    // Counted before the outcall, so that a trap after it cannot lead to an uncounted second post.
    const tried = { ...delivery, tries: delivery.tries + 1 };
    this.queue.put(delivery, { ...tried, next_attempt_ns: now + backoff(tried.tries) });
    const outcome = await sendWebhook(webhookRequest(alert, tried, endpoint, now));
    this.record(this.queue.get(delivery.id) ?? tried, outcome, time());
  }

  private record(delivery: Delivery, outcome: SendOutcome, nowNs: bigint): void {
    if ('status' in outcome) {
      const status: [number] = [outcome.status];
      if (outcome.status >= 200 && outcome.status < 300) {
        this.finish(delivery, { delivered: null }, nowNs, status, `Delivered: the endpoint answered ${outcome.status}.`, outcome.cycles);
      } else if (outcome.status >= 400 && outcome.status < 500 && outcome.status !== 408 && outcome.status !== 429) {
        this.finish(delivery, { given_up: null }, nowNs, status, `Given up: the endpoint refused the post with ${outcome.status}.`, outcome.cycles);
      } else {
        this.retryOrGiveUp(delivery, nowNs, status, `The endpoint answered ${outcome.status}.`, outcome.cycles);
      }
      return;
    }
    this.retryOrGiveUp(delivery, nowNs, [], `The post failed: ${outcome.failure}.`, outcome.cycles);
  }

  private retryOrGiveUp(delivery: Delivery, nowNs: bigint, status: [] | [number], reason: string, cycles: bigint): void {
    if (delivery.tries >= MAX_TRIES) {
      this.finish(delivery, { given_up: null }, nowNs, status, `${reason} Given up after ${delivery.tries} tries.`, cycles);
      return;
    }
    const next = nowNs + backoff(delivery.tries);
    const entry = { at_ns: nowNs, status, outcome: `${reason} Trying again in ${Number(backoff(delivery.tries) / 1_000_000_000n)} s.`, cycles };
    this.queue.put(delivery, withLogEntry({ ...delivery, next_attempt_ns: next }, entry));
  }

  private hold(delivery: Delivery, untilNs: bigint, nowNs: bigint, reason: string): void {
    const entry = { at_ns: nowNs, status: [] as [], outcome: reason, cycles: 0n };
    this.queue.put(delivery, withLogEntry({ ...delivery, next_attempt_ns: untilNs }, entry));
  }

  private finish(delivery: Delivery, state: Delivery['state'], nowNs: bigint, status: [] | [number], outcome: string, cycles: bigint): void {
    this.queue.put(delivery, withLogEntry({ ...delivery, state }, { at_ns: nowNs, status, outcome, cycles }));
  }
}

/** The wait after the `tries`-th failed try: 30 s, 60 s, 120 s, ... */
function backoff(tries: number): bigint {
  return FIRST_RETRY_NS << BigInt(Math.max(0, tries - 1));
}
