/** How a batch reached the bridge. */
export type Transport = 'http' | 'mqtt';

/**
 * Why a batch was refused. Each reason is a metric label, an error code in the reply envelope and an HTTP
 * status; the message says what exactly was wrong.
 */
export const REFUSALS = {
  malformed: { status: 400, advice: 'the body is not one canonical batch followed by a 64-byte signature' },
  oversized: { status: 413, advice: 'send fewer readings per batch' },
  unknown_device: { status: 401, advice: 'register the device in telemetry first' },
  device_inactive: { status: 403, advice: 'the device is suspended or retired in the registry' },
  bad_signature: { status: 401, advice: "the signature does not verify with the device's registered key" },
  replayed: { status: 409, advice: 'the sequence is not above the last accepted one; a batch you retried may already be stored' },
  out_of_range: { status: 422, advice: 'a value is outside what a monitor can measure' },
  clock_skew: { status: 422, advice: "a timestamp is too far from the bridge's clock; set the device clock (NTP/GPS)" },
  spool_full: { status: 503, advice: 'the bridge cannot relay as fast as devices send; retry later' },
  not_ready: { status: 503, advice: 'the bridge has not loaded the device registry yet; retry later' },
} as const;

export type RefusalReason = keyof typeof REFUSALS;
export const REFUSAL_REASONS = Object.keys(REFUSALS) as RefusalReason[];

/**
 * A refused batch: the reason code, a message for the device's operator, and the device and sequence when they
 * could be read (so a device can match a refusal to the batch it sent).
 */
export class Refusal extends Error {
  override readonly name = 'Refusal';
  sequence: bigint | undefined;
  constructor(
    readonly reason: RefusalReason,
    detail: string,
    readonly deviceId?: string,
  ) {
    super(`${detail} (${REFUSALS[reason].advice})`);
  }

  get httpStatus(): number {
    return REFUSALS[this.reason].status;
  }
}
