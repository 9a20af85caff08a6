import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { RejectCode } from '../errors.js';
import type { Response } from '../execution/execution.js';
import type { Replica } from '../replica/replica.js';
import { HttpRequestArgs, HttpRequestResult, HttpTransformArgs } from './idl.js';

/** Mainnet pricing on a 13-node subnet (the IC's "HTTPS outcalls" cost table). */
const BASE_FEE = 49_140_000n;
const FEE_PER_REQUEST_BYTE = 5_200n;
const FEE_PER_RESPONSE_BYTE = 10_400n;
const DEFAULT_MAX_RESPONSE_BYTES = 2_000_000n;
const TIMEOUT_MS = 30_000;

type HttpRequestArgsValue = {
  url: string;
  max_response_bytes: [] | [bigint];
  method: { get: null } | { head: null } | { post: null };
  headers: { name: string; value: string }[];
  body: [] | [Uint8Array | number[]];
  transform: [] | [{ function: [Principal, string]; context: Uint8Array | number[] }];
};

/** The cycles an outcall costs, given its encoded request size and the response size it reserves. */
export function httpOutcallCost(requestBytes: bigint, maxResponseBytes: bigint): bigint {
  return BASE_FEE + FEE_PER_REQUEST_BYTE * requestBytes + FEE_PER_RESPONSE_BYTE * maxResponseBytes;
}

/**
 * Performs `http_request` for real: a Node fetch, then the caller's transform function run as a query whose
 * caller is the management canister, as the IC does before consensus on the response.
 */
export async function performHttpOutcall(
  replica: Replica,
  arg: Uint8Array,
  cyclesAttached: bigint,
): Promise<{ response: Response; cyclesAccepted: bigint }> {
  const [request] = IDL.decode([HttpRequestArgs], arg) as unknown as [HttpRequestArgsValue];
  const maxResponseBytes = request.max_response_bytes[0] ?? DEFAULT_MAX_RESPONSE_BYTES;
  const cost = httpOutcallCost(BigInt(arg.length), maxResponseBytes);
  if (cyclesAttached < cost) {
    return refuse(RejectCode.CanisterReject, `http_request request sent with ${cyclesAttached} cycles, but ${cost} cycles are required.`);
  }
  if (!/^https?:\/\//.test(request.url)) return refuse(RejectCode.SysFatal, `Invalid URL ${request.url}`, cost);
  const headers = new Headers(request.headers.map(({ name, value }) => [name, value] as [string, string]));
  if (!headers.has('user-agent')) headers.set('user-agent', 'ic/1.0');
  const method = Object.keys(request.method)[0]!.toUpperCase();
  let fetched: globalThis.Response;
  try {
    fetched = await fetch(request.url, {
      method,
      headers,
      body: request.body[0] ? Uint8Array.from(request.body[0]) : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'manual',
    });
  } catch (error) {
    return refuse(RejectCode.SysTransient, `Connecting to ${request.url} failed: ${(error as Error).message}`, cost);
  }
  const body = new Uint8Array(await fetched.arrayBuffer());
  if (BigInt(body.length) > maxResponseBytes) {
    return refuse(RejectCode.SysFatal, `Http body exceeds size limit of ${maxResponseBytes} bytes.`, cost);
  }
  const result = {
    status: BigInt(fetched.status),
    headers: [...fetched.headers].map(([name, value]) => ({ name, value })),
    body,
  };
  const transform = request.transform[0];
  if (!transform) {
    return { response: { kind: 'reply', data: new Uint8Array(IDL.encode([HttpRequestResult], [result])) }, cyclesAccepted: cost };
  }
  const [canisterId, methodName] = transform.function;
  const transformArg = new Uint8Array(
    IDL.encode([HttpTransformArgs], [{ response: result, context: Uint8Array.from(transform.context) }]),
  );
  const transformed = replica.query(canisterId, methodName, transformArg, Principal.managementCanister());
  if (transformed.kind === 'reject') {
    return refuse(RejectCode.SysFatal, `Transform function ${methodName} failed: ${transformed.message}`, cost);
  }
  return { response: transformed, cyclesAccepted: cost };
}

function refuse(code: RejectCode, message: string, cyclesAccepted = 0n): { response: Response; cyclesAccepted: bigint } {
  return { response: { kind: 'reject', code, message }, cyclesAccepted };
}
