import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { close, listen, readBody, sendJson } from '../infra/http.js';
import type { Logger } from '../infra/logger.js';
import type { TlsMaterial } from '../infra/tls.js';
import { oversized, type Admission } from '../ingest/admission.js';
import type { Refusal } from '../ingest/refusal.js';
import { errorReply, okReply } from '../ingest/reply.js';
import type { Feature } from './feature.js';

export const BATCHES_PATH = '/v1/batches';

export interface HttpIngestOptions {
  host: string;
  port: number;
  maxFrameBytes: number;
  /** TLS key and certificate; none serves plain HTTP (the https.plainHttp setting). */
  tls: TlsMaterial | undefined;
}

/**
 * Ingest over HTTPS: `POST /v1/batches` with a signed frame as the body (application/octet-stream). The answer is
 * the reply envelope: 200 once the batch is in the spool, else the refusal's status (400, 401, 403, 409, 413,
 * 422, or 503 with Retry-After when the bridge is full or not ready).
 */
export class HttpIngest implements Feature {
  private server: Server | undefined;
  port = 0;

  constructor(
    private readonly admission: Admission,
    private readonly options: HttpIngestOptions,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const handler = (request: IncomingMessage, response: ServerResponse) => void this.handle(request, response);
    const { tls } = this.options;
    this.server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler) : createHttpServer(handler);
    this.port = await listen(this.server, this.options.port, this.options.host);
    this.logger.info('ingest server listening', { scheme: tls ? 'https' : 'http', host: this.options.host, port: this.port });
  }

  async stop(): Promise<void> {
    await close(this.server);
    this.server = undefined;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.url !== BATCHES_PATH) return sendJson(response, 404, { data: null, status: 'error', error: { code: 'not_found', message: `POST signed batches to ${BATCHES_PATH}` } });
    if (request.method !== 'POST') return sendJson(response, 405, { data: null, status: 'error', error: { code: 'method_not_allowed', message: 'use POST' } }, { allow: 'POST' });
    const body = await readBody(request, this.options.maxFrameBytes).catch(() => undefined);
    if (body === undefined) return;
    if (body === 'too_large') {
      // Not read to the end: the connection is closed after the answer instead.
      const refusal = this.admission.refused(oversized(Number(request.headers['content-length']) || undefined, this.options.maxFrameBytes), 'http');
      return sendJson(response, refusal.httpStatus, errorReply(refusal), { connection: 'close' });
    }
    try {
      sendJson(response, 200, okReply(await this.admission.admit(body, 'http')));
    } catch (error) {
      const refusal = error as Refusal;
      sendJson(response, refusal.httpStatus, errorReply(refusal), refusal.httpStatus === 503 ? { 'retry-after': '1' } : {});
    }
  }
}
