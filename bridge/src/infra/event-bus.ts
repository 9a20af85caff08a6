import type { Logger } from './logger.js';
import type { Transport, RefusalReason } from '../ingest/refusal.js';

/** What happens inside the bridge that other features react to (metrics, relay wake-ups, state topics). */
export interface BridgeEvents {
  batchAccepted: { transport: Transport; deviceId: string; sequence: bigint; readings: number; duplicate: boolean };
  batchRefused: { transport: Transport; reason: RefusalReason; deviceId?: string };
  relayCallSucceeded: { batches: number; stored: number; duplicates: number; refused: number; seconds: number };
  relayCallFailed: { batches: number; attempt: number; retryInMs: number; error: string };
}

type Listener<E extends keyof BridgeEvents> = (payload: BridgeEvents[E]) => void;

/**
 * A typed event bus. Listeners are registered per owner (a feature), so a feature can drop all of its listeners
 * when it stops; each listener runs isolated, so one that throws is logged and cannot break the emitter or the
 * other listeners.
 */
export class EventBus {
  private readonly listeners = new Map<keyof BridgeEvents, Array<{ owner: object; callback: Listener<never> }>>();

  constructor(private readonly logger: Logger) {}

  on<E extends keyof BridgeEvents>(event: E, owner: object, callback: Listener<E>): void {
    const list = this.listeners.get(event) ?? [];
    list.push({ owner, callback: callback as Listener<never> });
    this.listeners.set(event, list);
  }

  /** Drops every listener `owner` registered. */
  removeListeners(owner: object): void {
    for (const [event, list] of this.listeners) {
      this.listeners.set(
        event,
        list.filter((entry) => entry.owner !== owner),
      );
    }
  }

  emit<E extends keyof BridgeEvents>(event: E, payload: BridgeEvents[E]): void {
    for (const { owner, callback } of this.listeners.get(event) ?? []) {
      try {
        (callback as Listener<E>)(payload);
      } catch (error) {
        this.logger.error('event listener failed', { event, owner: owner.constructor.name, error });
      }
    }
  }
}
