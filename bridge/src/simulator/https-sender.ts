import { Agent, request } from 'node:https';
import { request as plainRequest, Agent as PlainAgent } from 'node:http';
import { BATCHES_PATH } from '../features/http-ingest.js';
import type { Reply } from '../ingest/reply.js';
import type { Sender, SendResult } from './sender.js';

/**
 * Posts frames to the bridge's ingest URL over keep-alive connections, trusting exactly the bridge's
 * self-signed certificate (`ca`), as a provisioned device pins it.
 */
export class HttpsSender implements Sender {
  private readonly agent: Agent | PlainAgent;
  private readonly url: URL;

  constructor(
    ingestUrl: string,
    ca: string | undefined,
    private readonly timeoutMs = 10_000,
  ) {
    this.url = new URL(BATCHES_PATH, ingestUrl);
    this.agent = this.url.protocol === 'https:' ? new Agent({ keepAlive: true, ca, maxSockets: 32 }) : new PlainAgent({ keepAlive: true, maxSockets: 32 });
  }

  send(_deviceId: string, frame: Uint8Array): Promise<SendResult> {
    const make = this.url.protocol === 'https:' ? request : plainRequest;
    return new Promise((resolve, reject) => {
      const req = make(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: { 'content-type': 'application/octet-stream', 'content-length': frame.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            try {
              resolve({ status: res.statusCode, retryAfter: res.headers['retry-after'], reply: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Reply });
            } catch (error) {
              reject(error);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer from the bridge in ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(frame);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}
