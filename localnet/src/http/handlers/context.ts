import type { Replica } from '../../replica/replica.js';
import { encodeCbor } from '../cbor.js';
import type { Certifier } from '../certifier.js';
import type { CallContent, ReadStateContent, SignedRequest } from '../envelope.js';
import { checkIngressExpiry } from '../ingress-expiry.js';
import type { ReplicaKeys } from '../replica-keys.js';
import type { RequestStatusStore } from '../request-status.js';
import { authenticateSender, type TargetScope } from '../sender-auth.js';

/** What the endpoint handlers share: the replica, the keys and certifier, and the request-status store. */
export interface InterfaceContext {
  replica: Replica;
  keys: ReplicaKeys;
  certifier: Certifier;
  requests: RequestStatusStore;
  /** Replica time in ns: certificates, signatures and expiry checks all use the replica's clock. */
  nowNs(): bigint;
}

/** What a handler answers; the server adds CORS and writes it. */
export interface HttpReply {
  status: number;
  body?: Uint8Array;
  contentType?: string;
}

export const cborReply = (value: unknown): HttpReply => ({ status: 200, body: encodeCbor(value), contentType: 'application/cbor' });

export const ACCEPTED: HttpReply = { status: 202 };

/**
 * Admits a decoded request: checks its expiry (anonymous queries and read_state are exempt, as the spec allows)
 * and authenticates its sender; returns the canisters it may target.
 */
export function admit(context: InterfaceContext, request: SignedRequest<CallContent | ReadStateContent>): TargetScope {
  const now = context.nowNs();
  const exempt = request.proof.kind === 'anonymous' && request.content.requestType !== 'call';
  if (!exempt) checkIngressExpiry(request.content.ingressExpiry, now);
  return authenticateSender(request.proof, request.content.sender, request.requestId, now);
}
