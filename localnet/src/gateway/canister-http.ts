import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import type { LocalNet } from '../api/local-net.js';
import { GatewayError } from './gateway-error.js';
import {
  encodeToken,
  HttpRequestType,
  HttpResponseType,
  HttpUpdateRequestType,
  StreamingCallbackResponseType,
  type HeaderField,
  type HttpResponse,
  type StreamingCallbackResponse,
} from './http-gateway-idl.js';

/** The replica calls the gateway makes. */
export type CanisterCalls = Pick<LocalNet, 'queryCall' | 'updateCall' | 'now'>;

export interface CanisterHttpRequest {
  method: string;
  url: string;
  headers: HeaderField[];
  body: Uint8Array;
}

export interface CanisterHttpResponse {
  status: number;
  headers: HeaderField[];
  body: Uint8Array;
  /** Whether the answer came from the `http_request_update` call (certified by consensus, nothing to verify). */
  fromUpdate: boolean;
}

/** A canister streaming more than this is cut off rather than allowed to fill the host's memory. */
const MAX_STREAMED_BYTES = 1024 * 1024 * 1024;
/** The gateway asks for response verification v2. */
const CERTIFICATE_VERSION = 2;

/**
 * One request through a canister's HTTP interface: the `http_request` query, the `http_request_update` call when
 * the canister asks for an upgrade, then the streaming callback until it returns no token. Calls are anonymous,
 * as from a browser.
 */
export async function requestCanister(net: CanisterCalls, canisterId: Principal, request: CanisterHttpRequest): Promise<CanisterHttpResponse> {
  const sender = { sender: Principal.anonymous() };
  const queryArg = IDL.encode([HttpRequestType], [{ ...request, certificate_version: [CERTIFICATE_VERSION] }]);
  let response = decodeResponse(await net.queryCall(canisterId, 'http_request', new Uint8Array(queryArg), sender));
  const fromUpdate = response.upgrade[0] === true;
  if (fromUpdate) {
    const updateArg = IDL.encode([HttpUpdateRequestType], [request]);
    response = decodeResponse(await net.updateCall(canisterId, 'http_request_update', new Uint8Array(updateArg), sender));
  }
  if (response.status_code < 100 || response.status_code > 599) {
    throw new GatewayError(502, `The canister answered with the invalid HTTP status ${response.status_code}.`);
  }
  return { status: response.status_code, headers: response.headers, body: await streamBody(net, canisterId, response), fromUpdate };
}

async function streamBody(net: CanisterCalls, canisterId: Principal, response: HttpResponse): Promise<Uint8Array> {
  const strategy = response.streaming_strategy[0]?.Callback;
  if (!strategy) return response.body;
  const [callee, method] = strategy.callback;
  if (callee.compareTo(canisterId) !== 'eq') {
    throw new GatewayError(502, `The streaming callback ${callee.toText()}.${method} is not a method of canister ${canisterId.toText()}.`);
  }
  const parts = [response.body];
  let streamed = response.body.length;
  let token = strategy.token;
  for (;;) {
    const reply = await net.queryCall(canisterId, method, encodeToken(token), { sender: Principal.anonymous() });
    const [next] = decodeWith<StreamingCallbackResponse>(StreamingCallbackResponseType, reply, 'streaming callback response');
    if (!next) break;
    parts.push(next.body);
    streamed += next.body.length;
    if (streamed > MAX_STREAMED_BYTES) throw new GatewayError(502, `The canister streamed more than ${MAX_STREAMED_BYTES} bytes.`);
    if (!next.token[0]) break;
    token = next.token[0];
  }
  return new Uint8Array(Buffer.concat(parts));
}

function decodeResponse(reply: Uint8Array): HttpResponse {
  return decodeWith<HttpResponse>(HttpResponseType, reply, 'HttpResponse');
}

function decodeWith<T>(type: IDL.Type, reply: Uint8Array, what: string): T {
  try {
    return IDL.decode([type], reply)[0] as unknown as T;
  } catch (error) {
    throw new GatewayError(502, `The canister's reply is not a valid ${what}: ${(error as Error).message}`, { cause: error });
  }
}
