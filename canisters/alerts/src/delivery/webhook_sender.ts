import { describeCallError } from '@chargex/common';
import { call, canisterSelf } from 'azle';
import { http_request_args, http_request_result } from 'azle/canisters/management/idl';

import { WebhookRequest } from './webhook_request';

/** The query the IC runs on each replica's response before consensus; see `transform_webhook_response`. */
export const TRANSFORM_METHOD = 'transform_webhook_response';

/**
 * Room for the endpoint's status line and headers: the IC counts them against `max_response_bytes` before the
 * transform strips them, and fails the outcall if the raw response is larger. 4 KiB fits the usual providers.
 */
export const MAX_RESPONSE_BYTES = 4096n;

// The HTTPS outcall fee on a 13-node application subnet (the IC's "HTTPS outcalls" cost table,
// https://internetcomputer.org/docs/references/cycles-cost-formulas): (3M + 60K n) n + 400 n per request byte
// + 800 n per reserved response byte, with n = 13. Cycles the call does not use are refunded.
const SUBNET_NODES = 13n;
const BASE_FEE = (3_000_000n + 60_000n * SUBNET_NODES) * SUBNET_NODES;
const PER_REQUEST_BYTE = 400n * SUBNET_NODES;
const PER_RESPONSE_BYTE = 800n * SUBNET_NODES;
/** Covers the candid framing of the request on top of the URL, headers, body and transform the IC counts. */
const REQUEST_FRAMING_BYTES = 1024n;

/** What one try came to: the endpoint's status, or why there was none. */
export type SendOutcome = { status: number; cycles: bigint } | { failure: string; cycles: bigint };

/** The cycles attached to an outcall for `request`. */
export function outcallCycles(request: WebhookRequest): bigint {
  const headerBytes = request.headers.reduce((sum, header) => sum + header.name.length + header.value.length, 0);
  const requestBytes = BigInt(request.url.length + headerBytes + request.body.length + TRANSFORM_METHOD.length) + REQUEST_FRAMING_BYTES;
  return BASE_FEE + PER_REQUEST_BYTE * requestBytes + PER_RESPONSE_BYTE * MAX_RESPONSE_BYTES;
}

/** POSTs `request` through the management canister's http_request. */
export async function sendWebhook(request: WebhookRequest): Promise<SendOutcome> {
  const cycles = outcallCycles(request);
  try {
    const response = await call<[http_request_args], http_request_result>('aaaaa-aa', 'http_request', {
      paramIdlTypes: [http_request_args],
      returnIdlType: http_request_result,
      args: [
        {
          url: request.url,
          method: { post: null },
          headers: request.headers,
          body: [request.body],
          max_response_bytes: [MAX_RESPONSE_BYTES],
          transform: [{ function: [canisterSelf(), TRANSFORM_METHOD], context: new Uint8Array() }]
        }
      ],
      cycles
    });
    return { status: Number(response.status), cycles };
  } catch (error) {
    return { failure: describeCallError(error), cycles };
  }
}
