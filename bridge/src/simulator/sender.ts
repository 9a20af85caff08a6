import type { Reply } from '../ingest/reply.js';

/** How a simulated device hands a frame to the bridge and gets the bridge's reply. */
export interface Sender {
  /** The bridge's reply to the frame; rejects when no reply came (network down, timeout). */
  send(deviceId: string, frame: Uint8Array): Promise<SendResult>;
  close(): Promise<void>;
}

export interface SendResult {
  reply: Reply;
  /** The HTTP status and Retry-After header (HTTPS sender only). */
  status?: number;
  retryAfter?: string;
}
