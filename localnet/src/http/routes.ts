import { Principal } from '@dfinity/principal';
import { HttpRequestError } from './errors.js';
import type { ReadStateTarget } from './handlers/read-state.js';

/** An IC HTTP interface endpoint, recognised from the request line. */
export type ApiRoute =
  | { endpoint: 'status' }
  | { endpoint: 'call'; version: number; canister: Principal }
  | { endpoint: 'query'; canister: Principal }
  | { endpoint: 'read_state'; target: ReadStateTarget };

/** Versions of each endpoint the agents use: agent-js 3 calls v3, @icp-sdk/core 5+ calls v4 and reads on v3. */
const VERSIONS: Record<string, Record<'canister' | 'subnet', number[]>> = {
  call: { canister: [2, 3, 4], subnet: [] },
  query: { canister: [2, 3], subnet: [] },
  read_state: { canister: [2, 3], subnet: [2, 3] },
};

const API_PATH = /^\/api\/v(\d+)\/(?:(status)|(canister|subnet)\/([^/]+)\/(call|query|read_state))\/?$/;

/** Paths the HTTP interface owns, on every host; the rest belongs to the HTTP gateway. */
export function isApiPath(pathname: string): boolean {
  return /^\/api\/v\d+\//.test(pathname);
}

/** Maps method and path to an endpoint; throws 404 or 405 (as `HttpRequestError`) otherwise. */
export function routeApi(method: string, pathname: string): ApiRoute {
  const match = API_PATH.exec(pathname);
  if (!match) throw notFound(pathname);
  const [, versionText, status, scope, idText, endpoint] = match;
  const version = Number(versionText);
  if (status) {
    if (version !== 2) throw notFound(pathname);
    if (method !== 'GET' && method !== 'HEAD') throw new HttpRequestError(405, 'Method not allowed: use GET');
    return { endpoint: 'status' };
  }
  if (!VERSIONS[endpoint!]![scope as 'canister' | 'subnet'].includes(version)) throw notFound(pathname);
  if (method !== 'POST') throw new HttpRequestError(405, 'Method not allowed: use POST');
  let id: Principal;
  try {
    id = Principal.fromText(decodeURIComponent(idText!));
  } catch {
    throw new HttpRequestError(400, `Invalid ${scope === 'subnet' ? 'subnet' : 'effective canister'} id: ${idText}`);
  }
  if (endpoint === 'call') return { endpoint, version, canister: id };
  if (endpoint === 'query') return { endpoint, canister: id };
  return { endpoint: 'read_state', target: scope === 'subnet' ? { subnet: id } : { canister: id } };
}

function notFound(pathname: string): HttpRequestError {
  return new HttpRequestError(404, `Not found: ${pathname}`);
}
