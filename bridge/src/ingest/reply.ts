import type { Admitted } from './admission.js';
import type { Refusal, RefusalReason } from './refusal.js';

/**
 * The one reply envelope of the bridge, the HTTPS response body and the MQTT ack payload alike. `data` names the
 * batch whenever it could be read, also in an error, so a device can match the reply to what it sent.
 */
export type Reply =
  | { data: AckData; status: 'ok'; error: null }
  | { data: Partial<BatchRef> | null; status: 'error'; error: { code: RefusalReason; message: string } };

export interface BatchRef {
  device_id: string;
  /** Decimal string: sequences are u64, beyond what a JSON number holds exactly. */
  sequence: string;
}

export interface AckData extends BatchRef {
  /** True when this exact batch had been accepted before: it is acknowledged again, not stored twice. */
  duplicate: boolean;
}

export function okReply(admitted: Admitted): Reply {
  return { data: { device_id: admitted.deviceId, sequence: admitted.sequence.toString(), duplicate: admitted.duplicate }, status: 'ok', error: null };
}

export function errorReply(refusal: Refusal): Reply {
  const data: Partial<BatchRef> = {};
  if (refusal.deviceId !== undefined) data.device_id = refusal.deviceId;
  if (refusal.sequence !== undefined) data.sequence = refusal.sequence.toString();
  return { data: Object.keys(data).length > 0 ? data : null, status: 'error', error: { code: refusal.reason, message: refusal.message } };
}
