import { InvalidExpiryError } from './errors.js';

/** The IC's MAX_INGRESS_TTL plus the drift its validator permits: the latest expiry it accepts. */
const MAX_INGRESS_TTL_NS = 5n * 60n * 1_000_000_000n;
const PERMITTED_DRIFT_NS = 30n * 1_000_000_000n;

/**
 * Requests must expire within [now, now + 5 min + 30 s], like on the IC; anonymous queries and read_state
 * requests are exempt (the spec lets the IC accept any expiry for them).
 */
export function checkIngressExpiry(expiryNs: bigint, nowNs: bigint): void {
  const max = nowNs + MAX_INGRESS_TTL_NS + PERMITTED_DRIFT_NS;
  if (expiryNs < nowNs || expiryNs > max) {
    throw new InvalidExpiryError(
      `Specified ingress_expiry not within expected range: Minimum allowed expiry: ${formatNs(nowNs)}, ` +
        `Maximum allowed expiry: ${formatNs(max)}, Provided expiry: ${formatNs(expiryNs)}`,
    );
  }
}

function formatNs(ns: bigint): string {
  const ms = ns / 1_000_000n;
  if (ms > BigInt(8.64e15)) return `${ns} ns`;
  return `${new Date(Number(ms)).toISOString()} (${ns} ns)`;
}
