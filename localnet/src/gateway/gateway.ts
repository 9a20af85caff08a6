import { validateHeaderName, validateHeaderValue, type IncomingMessage, type ServerResponse } from 'node:http';
import { CallRejectedError } from '../errors.js';
import { isRawHost, resolveCanisterId } from './canister-id.js';
import { requestCanister, type CanisterCalls, type CanisterHttpResponse } from './canister-http.js';
import { GatewayError, sendErrorPage } from './gateway-error.js';
import type { HeaderField } from './http-gateway-idl.js';
import { verifyResponse } from './response-verification.js';

export type HttpHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface GatewayOptions {
  /**
   * Handlers that answer for a canister id instead of the replica, e.g. the local Internet Identity page for
   * `rdmx6-jaaaa-aaaaa-aaadq-cai`: `{ hosts: { [II_CANISTER_ID]: createIdentityProvider(...) } }`.
   */
  hosts?: Record<string, HttpHandler>;
  /**
   * The replica's root key (DER), or a function giving it once the HTTP interface that owns it has started. With
   * it, every query answer is verified as the IC's gateways verify them (response verification v2) before it
   * reaches the browser, except on raw hosts; without it, answers pass unverified.
   */
  rootKey?: Uint8Array | (() => Uint8Array);
}

/** Bodies beyond the IC's 2 MiB ingress limit could not reach a canister anyway. */
const MAX_REQUEST_BODY_BYTES = 2 * 1024 * 1024;
/** Connection-level headers belong to each hop, not to the canister's response. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'content-length']);

/**
 * The HTTP gateway: serves `http://<canister-id>.localhost:<port>/...` (or `?canisterId=`) from the canister's
 * `http_request`, for the built-in asset canister and wasm canisters alike, verifying certified responses when
 * given the root key. Failures become small HTML pages with a 4xx/5xx status.
 */
export function createGateway(net: CanisterCalls, options: GatewayOptions = {}): HttpHandler {
  return async (request, response) => {
    try {
      const canisterId = resolveCanisterId(request);
      if (!canisterId) {
        throw new GatewayError(
          400,
          'No canister id in this request. Address a canister as http://<canister-id>.localhost:<port>/ or add ?canisterId=<canister-id>.',
        );
      }
      const host = options.hosts?.[canisterId.toText()];
      if (host) return await host(request, response);
      const canisterRequest = {
        method: (request.method ?? 'GET').toUpperCase(),
        url: request.url ?? '/',
        headers: headerPairs(request.rawHeaders),
        body: await readBody(request),
      };
      const answer = await requestCanister(net, canisterId, canisterRequest);
      const rootKey = typeof options.rootKey === 'function' ? options.rootKey() : options.rootKey;
      if (rootKey && !answer.fromUpdate && !isRawHost(request)) {
        verifyResponse(canisterRequest, answer, { canisterId, rootKey, nowNs: net.now() });
      }
      writeAnswer(response, answer);
    } catch (error) {
      sendErrorPage(response, asGatewayError(error));
    }
  };
}

function writeAnswer(response: ServerResponse, answer: CanisterHttpResponse): void {
  const headers: string[] = [];
  for (const [name, value] of answer.headers) {
    if (HOP_BY_HOP.has(name.toLowerCase())) continue;
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch (error) {
      throw new GatewayError(502, `The canister answered with an invalid header '${name}'.`, { cause: error });
    }
    headers.push(name, value);
  }
  const bodyless = answer.status === 204 || answer.status === 304 || answer.status < 200;
  if (!bodyless) headers.push('content-length', String(answer.body.length));
  response.writeHead(answer.status, headers);
  response.end(bodyless ? undefined : answer.body);
}

function headerPairs(raw: string[]): HeaderField[] {
  const pairs: HeaderField[] = [];
  for (let index = 0; index + 1 < raw.length; index += 2) pairs.push([raw[index]!, raw[index + 1]!]);
  return pairs;
}

async function readBody(request: IncomingMessage): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of request as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > MAX_REQUEST_BODY_BYTES) throw new GatewayError(413, `Request bodies are limited to ${MAX_REQUEST_BODY_BYTES} bytes.`);
    parts.push(part);
  }
  return new Uint8Array(Buffer.concat(parts));
}

function asGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof CallRejectedError) return GatewayError.fromReject(error);
  return new GatewayError(500, error instanceof Error ? error.message : String(error), { cause: error });
}
