import type { Principal } from '@dfinity/principal';
import { bytesToHex } from '@noble/hashes/utils';
import type { Response } from '../execution/execution.js';
import { RejectCode } from '../errors.js';

/** Where an update call is, as `/request_status/<id>/status` reports it. */
export type RequestOutcome = { status: 'received' } | { status: 'processing' } | CallAnswer;

/** How a call ended, in the spec's terms. */
export type CallAnswer =
  | { status: 'replied'; reply: Uint8Array }
  | { status: 'rejected'; rejectCode: RejectCode; rejectMessage: string; errorCode?: string };

export interface RequestRecord {
  sender: Principal;
  effectiveCanisterId: Principal;
  /** The canister the call was addressed to (checked against delegation targets of readers). */
  canisterId: Principal;
  expiryNs: bigint;
  outcome: RequestOutcome;
  /** Resolves once the call replied or was rejected. */
  settled: Promise<void>;
}

/** How long an answered call stays readable after its expiry, so slow pollers still find it. */
const RETENTION_AFTER_EXPIRY_NS = 60n * 1_000_000_000n;
const PRUNE_INTERVAL_NS = 1_000_000_000n;

/**
 * The replica's memory of update calls by request id: their status for `read_state`, and what makes a second
 * submission of the same request a no-op, as on the IC, until the request has expired.
 */
export class RequestStatusStore {
  private readonly records = new Map<string, RequestRecord & { settle: () => void }>();
  private lastPruneNs = 0n;

  get(requestId: Uint8Array): RequestRecord | undefined {
    return this.records.get(bytesToHex(requestId));
  }

  /** Records a newly accepted call as `received`. */
  add(requestId: Uint8Array, call: Pick<RequestRecord, 'sender' | 'effectiveCanisterId' | 'canisterId' | 'expiryNs'>, nowNs: bigint): RequestRecord {
    this.prune(nowNs);
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const record = { ...call, outcome: { status: 'received' } as RequestOutcome, settled, settle };
    this.records.set(bytesToHex(requestId), record);
    return record;
  }

  markProcessing(requestId: Uint8Array): void {
    const record = this.records.get(bytesToHex(requestId));
    if (record && record.outcome.status === 'received') record.outcome = { status: 'processing' };
  }

  /** Stores the reply or reject and wakes whoever waits for it. */
  complete(requestId: Uint8Array, response: Response): void {
    const record = this.records.get(bytesToHex(requestId));
    if (!record) return;
    record.outcome = toOutcome(response);
    record.settle();
  }

  private prune(nowNs: bigint): void {
    if (nowNs - this.lastPruneNs < PRUNE_INTERVAL_NS) return;
    this.lastPruneNs = nowNs;
    for (const [key, record] of this.records) {
      const answered = record.outcome.status === 'replied' || record.outcome.status === 'rejected';
      if (answered && record.expiryNs + RETENTION_AFTER_EXPIRY_NS < nowNs) this.records.delete(key);
    }
  }
}

/** Splits the replica's "IC0503: message" rejects into the spec's reject_message and error_code. */
export function toOutcome(response: Response): CallAnswer {
  if (response.kind === 'reply') return { status: 'replied', reply: response.data };
  const match = /^(IC\d{4}): ([\s\S]*)$/.exec(response.message);
  const outcome: CallAnswer = { status: 'rejected', rejectCode: response.code, rejectMessage: match ? match[2]! : response.message };
  const errorCode = match?.[1] ?? defaultErrorCode(response.code);
  if (errorCode) outcome.errorCode = errorCode;
  return outcome;
}

/** A canister's own msg_reject carries IC0406 on the IC ("canister rejected the message"). */
function defaultErrorCode(code: RejectCode): string | undefined {
  return code === RejectCode.CanisterReject ? 'IC0406' : undefined;
}
