import mqtt, { type MqttClient } from 'mqtt';
import type { Reply } from '../ingest/reply.js';
import { topicsFor, type Topics } from '../mqtt/topics.js';
import { decodeBatch } from '../protocol/canonical.js';
import type { Sender, SendResult } from './sender.js';

interface Waiter {
  /** The frame's sequence as a decimal string, if the frame could be decoded. */
  sequence: string | undefined;
  resolve: (result: SendResult) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Publishes frames on each device's batches topic (QoS 1) and waits for the bridge's reply on the device's acks
 * topic. One connection serves a whole simulated fleet; replies are matched by device and sequence (or, for a
 * frame too broken to carry one, to the device's oldest unanswered frame).
 */
export class MqttSender implements Sender {
  private readonly topics: Topics;
  private readonly waiting = new Map<string, Waiter[]>();

  private constructor(
    private readonly client: MqttClient,
    prefix: string,
    private readonly timeoutMs: number,
  ) {
    this.topics = topicsFor(prefix);
  }

  static async connect(url: string, options: { prefix?: string; timeoutMs?: number; clientId?: string } = {}): Promise<MqttSender> {
    const client = await mqtt.connectAsync(url, { clientId: options.clientId ?? `chargex-sim-${process.pid}-${Math.floor(Math.random() * 1e9)}`, reconnectPeriod: 500 });
    const sender = new MqttSender(client, options.prefix ?? 'chargex/v1', options.timeoutMs ?? 10_000);
    client.on('message', (topic, payload) => sender.onReply(topic, payload));
    await client.subscribeAsync(sender.topics.acks('+'), { qos: 1 });
    return sender;
  }

  send(deviceId: string, frame: Uint8Array): Promise<SendResult> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(deviceId) ?? [];
      const waiter: Waiter = {
        sequence: sequenceOf(frame),
        resolve,
        reject,
        timer: setTimeout(() => {
          list.splice(list.indexOf(waiter), 1);
          reject(new Error(`no ack from the bridge in ${this.timeoutMs} ms`));
        }, this.timeoutMs),
      };
      list.push(waiter);
      this.waiting.set(deviceId, list);
      this.client.publish(this.topics.batches(deviceId), Buffer.from(frame), { qos: 1 }, (error) => {
        if (error) reject(error);
      });
    });
  }

  async close(): Promise<void> {
    for (const list of this.waiting.values()) for (const waiter of list) clearTimeout(waiter.timer);
    await this.client.endAsync();
  }

  private onReply(topic: string, payload: Buffer): void {
    const match = /\/devices\/([^/]+)\/acks$/.exec(topic);
    const list = match ? this.waiting.get(match[1]!) : undefined;
    if (!list || list.length === 0) return;
    const reply = JSON.parse(payload.toString('utf8')) as Reply;
    // A refusal can overtake an earlier batch still being written to the spool, so match by sequence.
    const sequence = reply.data?.sequence;
    let index = list.findIndex((waiter) => waiter.sequence === sequence);
    if (index < 0) index = 0;
    const [waiter] = list.splice(index, 1);
    clearTimeout(waiter!.timer);
    waiter!.resolve({ reply });
  }
}

function sequenceOf(frame: Uint8Array): string | undefined {
  try {
    return decodeBatch(frame).batch.sequence.toString();
  } catch {
    return undefined;
  }
}
