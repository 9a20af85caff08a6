import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalNet } from '../api/local-net.js';
import { Certifier } from './certifier.js';
import { dataCertificates } from './data-certificate.js';
import { HttpRequestError } from './errors.js';
import { handleCall } from './handlers/call.js';
import type { HttpReply, InterfaceContext } from './handlers/context.js';
import { handleQuery } from './handlers/query.js';
import { handleReadState } from './handlers/read-state.js';
import { handleStatus } from './handlers/status.js';
import { ReplicaKeys } from './replica-keys.js';
import { RequestStatusStore } from './request-status.js';
import { isApiPath, routeApi, type ApiRoute } from './routes.js';

/** Serves a request the HTTP interface does not own (the HTTP gateway's canister frontends). */
export type GatewayHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface HttpServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Where the root key and node key are kept across restarts; without it they last as long as the process. */
  stateDir?: string;
  /** Receives every request whose path is not an `/api/v<n>/` path. */
  gateway?: GatewayHandler;
}

export interface HttpServer {
  /** Base URL for agents, e.g. `http://127.0.0.1:4943`. */
  readonly url: string;
  /** DER-encoded BLS root key, as `/api/v2/status` reports it. */
  readonly rootKey: Uint8Array;
  close(): Promise<void>;
}

/** Bodies are read up to this size at most; beyond it the request is refused without keeping the rest. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, HEAD, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '7200',
};

/**
 * Starts the IC HTTP interface over `net`, so the unmodified official agents (and the tools built on them)
 * can talk to the local replica; it also gives the replica's queries their data certificates.
 */
export async function startHttpServer(net: LocalNet, options: HttpServerOptions = {}): Promise<HttpServer> {
  const keys = ReplicaKeys.load(options.stateDir);
  const nowNs = () => net.now();
  const certifier = new Certifier(keys, nowNs);
  const context: InterfaceContext = { replica: net.replica, keys, certifier, requests: new RequestStatusStore(), nowNs };
  const server = createServer((request, response) => {
    void serve(context, options.gateway, request, response);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4943, options.host ?? '127.0.0.1', () => resolve());
  });
  net.replica.dataCertificate = dataCertificates(certifier, nowNs);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    rootKey: keys.rootKeyDer,
    close: async () => {
      net.replica.dataCertificate = undefined;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function serve(context: InterfaceContext, gateway: GatewayHandler | undefined, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  if (!isApiPath(pathname)) {
    if (gateway) return runGateway(gateway, request, response);
    return write(response, { status: 404, body: new TextEncoder().encode(`Not found: ${pathname}`), contentType: 'text/plain' });
  }
  if (request.method === 'OPTIONS') {
    // Allow whatever headers the page's preflight asks for: agents add their own (e.g. Authorization).
    const asked = request.headers['access-control-request-headers'];
    return write(response, { status: 204 }, asked ? { 'access-control-allow-headers': asked } : {});
  }
  try {
    const route = routeApi(request.method ?? 'GET', pathname);
    const body = route.endpoint === 'status' ? new Uint8Array() : await readBody(request);
    write(response, await dispatch(context, route, body));
  } catch (error) {
    write(response, errorReply(error));
  }
}

function dispatch(context: InterfaceContext, route: ApiRoute, body: Uint8Array): HttpReply | Promise<HttpReply> {
  switch (route.endpoint) {
    case 'status':
      return handleStatus(context);
    case 'call':
      return handleCall(context, route.version, route.canister, body);
    case 'query':
      return handleQuery(context, route.canister, body);
    case 'read_state':
      if ('subnet' in route.target && route.target.subnet.compareTo(context.keys.subnetId) !== 'eq') {
        throw new HttpRequestError(404, `Subnet ${route.target.subnet.toText()} not found`);
      }
      return handleReadState(context, route.target, body);
  }
}

/**
 * Reads the whole body but keeps none of it past MAX_BODY_BYTES: answering before the client has sent
 * everything would make it see a broken connection instead of the 413.
 */
async function readBody(request: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (length > MAX_BODY_BYTES) {
    throw new HttpRequestError(413, `Request body of ${length} bytes is larger than the max allowed ${MAX_BODY_BYTES}.`);
  }
  // A copy in a buffer of its own: CBOR byte strings decoded from it must not alias Node's shared pool.
  return new Uint8Array(Buffer.concat(chunks, length));
}

async function runGateway(gateway: GatewayHandler, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    await gateway(request, response);
  } catch (error) {
    if (!response.headersSent) write(response, errorReply(error));
    else response.destroy(error as Error);
  }
}

function errorReply(error: unknown): HttpReply {
  const status = error instanceof HttpRequestError ? error.status : 500;
  const message = error instanceof Error ? error.message : String(error);
  return { status, body: new TextEncoder().encode(message), contentType: 'text/plain; charset=utf-8' };
}

function write(response: ServerResponse, reply: HttpReply, extraHeaders: Record<string, string> = {}): void {
  response.writeHead(reply.status, {
    ...CORS_HEADERS,
    ...extraHeaders,
    ...(reply.contentType ? { 'content-type': reply.contentType } : {}),
    'content-length': String(reply.body?.length ?? 0),
  });
  response.end(reply.body);
}
