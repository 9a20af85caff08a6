import type { MqttConnection } from '../mqtt/connection.js';
import type { Topics } from '../mqtt/topics.js';
import type { Feature } from './feature.js';

/**
 * The retained bridge state topic: "online" on every connection, "offline" when the bridge stops; if it dies
 * instead, the broker publishes the connection's last will, which is the same retained "offline".
 */
export class BridgeStateTopic implements Feature {
  constructor(
    private readonly connection: MqttConnection,
    private readonly topics: Topics,
  ) {}

  async start(): Promise<void> {
    this.connection.onConnect(() => this.connection.publish(this.topics.bridgeState, 'bridgeState', 'online', { retain: true }));
  }

  async stop(): Promise<void> {
    this.connection.publish(this.topics.bridgeState, 'bridgeState', 'offline', { retain: true });
  }
}
