import { createServer, type Server } from 'node:http';
import { close, listen, sendJson } from '../infra/http.js';
import type { Logger } from '../infra/logger.js';
import type { Feature } from './feature.js';
import type { Metrics } from './metrics.js';

/** One readiness check: its name, whether it passes, and what it saw. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * The operator's endpoints, plain HTTP on an internal address: `/healthz` (the process answers), `/readyz` (every
 * check passes: devices can be accepted) and `/metrics` (Prometheus text format).
 */
export class OpsServer implements Feature {
  private server: Server | undefined;
  port = 0;

  constructor(
    private readonly metrics: Metrics,
    private readonly checks: () => Check[],
    private readonly options: { host: string; port: number },
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const path = request.url?.split('?')[0];
      if (path === '/healthz') return sendJson(response, 200, { status: 'ok' });
      if (path === '/readyz') {
        const checks = this.checks();
        const ready = checks.every((check) => check.ok);
        return sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready', checks });
      }
      if (path === '/metrics') {
        void this.metrics.render().then(
          (text) => {
            response.writeHead(200, { 'content-type': this.metrics.registry.contentType });
            response.end(text);
          },
          (error: Error) => sendJson(response, 500, { status: 'error', error: error.message }),
        );
        return;
      }
      sendJson(response, 404, { status: 'error', error: 'see /healthz, /readyz, /metrics' });
    });
    this.port = await listen(this.server, this.options.port, this.options.host);
    this.logger.info('ops server listening', { host: this.options.host, port: this.port });
  }

  async stop(): Promise<void> {
    await close(this.server);
    this.server = undefined;
  }
}
