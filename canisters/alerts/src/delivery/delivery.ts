import { named } from '@chargex/common';
import { IDL, Principal } from 'azle';

/** Where a delivery is: waiting (for its time, quiet hours, the rate limit or a retry), done, or given up. */
export type DeliveryState = { pending: null } | { delivered: null } | { given_up: null };

/** Candid type of DeliveryState. */
export const DeliveryStateIdl = named('DeliveryState', IDL.Variant({ pending: IDL.Null, delivered: IDL.Null, given_up: IDL.Null }));

/** One try at posting, or one hold (quiet hours, rate limit), as the delivery log shows it. */
export interface DeliveryAttempt {
  at_ns: bigint;
  /** The HTTP status the endpoint answered with; none when there was no answer or nothing was sent. */
  status: [] | [number];
  outcome: string;
  cycles: bigint;
}

/** Candid type of DeliveryAttempt. */
export const DeliveryAttemptIdl = named(
  'DeliveryAttempt',
  IDL.Record({ at_ns: IDL.Nat64, status: IDL.Opt(IDL.Nat16), outcome: IDL.Text, cycles: IDL.Nat })
);

/** One alert posted to one endpoint of one person: at most once, whatever the retries. */
export interface Delivery {
  id: bigint;
  alert_id: bigint;
  person: Principal;
  endpoint_id: number;
  /** Sent with every try, so a receiver can drop a repeat after an answer that was lost. */
  idempotency_key: string;
  state: DeliveryState;
  tries: number;
  next_attempt_ns: bigint;
  log: DeliveryAttempt[];
}

/** Candid type of Delivery. */
export const DeliveryIdl = named(
  'Delivery',
  IDL.Record({
    id: IDL.Nat64,
    alert_id: IDL.Nat64,
    person: IDL.Principal,
    endpoint_id: IDL.Nat32,
    idempotency_key: IDL.Text,
    state: DeliveryStateIdl,
    tries: IDL.Nat32,
    next_attempt_ns: IDL.Nat64,
    log: IDL.Vec(DeliveryAttemptIdl)
  })
);

/** Most log entries a delivery keeps (tries are bounded, holds repeat at most once per hour). */
const MAX_LOG = 32;

/** The delivery with an entry appended to its log. */
export function withLogEntry(delivery: Delivery, entry: DeliveryAttempt): Delivery {
  const log = [...delivery.log, entry];
  return { ...delivery, log: log.slice(Math.max(0, log.length - MAX_LOG)) };
}
