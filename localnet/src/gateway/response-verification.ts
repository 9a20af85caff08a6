import { verifyRequestResponsePair } from '@dfinity/response-verification';
import type { Principal } from '@dfinity/principal';
import type { CanisterHttpRequest, CanisterHttpResponse } from './canister-http.js';
import { GatewayError } from './gateway-error.js';

/** A certificate older (or newer) than this is stale, as for the IC's boundary nodes. */
const MAX_CERTIFICATE_AGE_NS = 5n * 60n * 1_000_000_000n;
/** The gateway asks for v2 and accepts nothing older: a v1 answer could drop the certified headers. */
const MIN_VERIFICATION_VERSION = 2;

export interface VerificationContext {
  canisterId: Principal;
  /** The replica's root key, DER-encoded, as `/api/v2/status` reports it. */
  rootKey: Uint8Array;
  nowNs: bigint;
}

/**
 * Checks a canister's answer to a query `http_request` as the IC's HTTP gateways do, with DFINITY's own
 * response verification library: the certificate's signature by the root key and its age, the tree's root
 * against the canister's certified data, the expression path for the URL, and the hash of status, headers and
 * body. Throws a 503 GatewayError naming the reason when any check fails.
 */
export function verifyResponse(request: CanisterHttpRequest, response: CanisterHttpResponse, context: VerificationContext): void {
  try {
    const result = verifyRequestResponsePair(
      { url: request.url, method: request.method, headers: request.headers, body: request.body, certificate_version: [MIN_VERIFICATION_VERSION] },
      { status_code: response.status, headers: response.headers, body: response.body },
      context.canisterId.toUint8Array(),
      context.nowNs,
      MAX_CERTIFICATE_AGE_NS,
      context.rootKey,
      MIN_VERIFICATION_VERSION,
    );
    if (result.verificationVersion < MIN_VERIFICATION_VERSION) throw new Error(`verification version ${result.verificationVersion}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : (error as { message?: string }).message ?? String(error);
    throw new GatewayError(503, `The response of canister ${context.canisterId.toText()} failed verification: ${reason}`, { cause: error });
  }
}
