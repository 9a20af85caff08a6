import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Feature } from '../features/feature.js';
import type { Logger } from '../infra/logger.js';
import { encodePayload, type TopicPayloads } from './topics.js';

export interface ConnectionOptions {
  url: string;
  clientId: string;
  username?: string;
  password?: string;
  /** Retained message the broker publishes for the bridge if the connection dies. */
  will: { topic: string; payload: string };
}

type MessageHandler = (topic: string, payload: Buffer) => void;

/**
 * The bridge's MQTT client. It reconnects by itself and subscriptions are renewed on each reconnect. Publishing
 * never throws: a failed publish is logged (a lost ack makes the device resend, which is safe), so no feature
 * needs error handling around it.
 */
export class MqttConnection implements Feature {
  private client: MqttClient | undefined;
  private readonly subscriptions = new Map<string, MessageHandler>();
  private readonly connectListeners: Array<() => void> = [];

  constructor(
    private readonly options: ConnectionOptions,
    private readonly logger: Logger,
  ) {}

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  /** Starts connecting; the client keeps retrying until the broker answers (see `connected`). */
  async start(): Promise<void> {
    const options: IClientOptions = {
      clientId: this.options.clientId,
      clean: true,
      reconnectPeriod: 1_000,
      connectTimeout: 10_000,
      will: { topic: this.options.will.topic, payload: Buffer.from(this.options.will.payload), qos: 1, retain: true },
    };
    if (this.options.username) options.username = this.options.username;
    if (this.options.password) options.password = this.options.password;
    const client = mqtt.connect(this.options.url, options);
    this.client = client;
    client.on('connect', () => {
      this.logger.info('connected to the MQTT broker', { url: this.options.url });
      for (const topic of this.subscriptions.keys()) this.subscribeOnBroker(topic);
      for (const listener of this.connectListeners) listener();
    });
    client.on('error', (error) => this.logger.warn('MQTT connection error', { url: this.options.url, error }));
    client.on('offline', () => this.logger.warn('MQTT broker unreachable; reconnecting', { url: this.options.url }));
    client.on('message', (topic, payload) => {
      for (const [filter, handler] of this.subscriptions) if (matches(filter, topic)) handler(topic, payload);
    });
  }

  /** Runs `listener` on every (re)connection, and now if connected already. */
  onConnect(listener: () => void): void {
    this.connectListeners.push(listener);
    if (this.connected) listener();
  }

  subscribe(filter: string, handler: MessageHandler): void {
    this.subscriptions.set(filter, handler);
    if (this.connected) this.subscribeOnBroker(filter);
  }

  unsubscribe(filter: string): void {
    this.subscriptions.delete(filter);
    this.client?.unsubscribe(filter);
  }

  publish<K extends keyof TopicPayloads>(topic: string, kind: K, payload: TopicPayloads[K], options: { retain?: boolean } = {}): void {
    const client = this.client;
    if (!client) return this.logger.warn('MQTT publish while disconnected; dropped', { topic });
    client.publish(topic, encodePayload(kind, payload), { qos: 1, retain: options.retain ?? false }, (error) => {
      if (error) this.logger.warn('MQTT publish failed', { topic, error });
    });
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.endAsync();
  }

  private subscribeOnBroker(filter: string): void {
    this.client?.subscribe(filter, { qos: 1 }, (error) => {
      if (error) this.logger.error('MQTT subscribe failed', { filter, error });
    });
  }
}

/** MQTT topic filter matching (+ one level, # the rest). */
function matches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
    if (t[i] === undefined) return false;
  }
  return f.length === t.length;
}
