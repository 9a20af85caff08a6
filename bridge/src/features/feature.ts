/**
 * One feature of the bridge (ingest over a transport, relay, registry sync, metrics, ...). Constructors only
 * store dependencies; `start` acquires what the feature needs (ports, timers, listeners) and `stop` gives all of
 * it back, so the composition root can start and stop them in order.
 */
export interface Feature {
  start(): Promise<void>;
  stop(): Promise<void>;
}
