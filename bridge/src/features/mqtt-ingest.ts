import type { Admission } from '../ingest/admission.js';
import type { Refusal } from '../ingest/refusal.js';
import { errorReply, okReply } from '../ingest/reply.js';
import type { MqttConnection } from '../mqtt/connection.js';
import type { Topics } from '../mqtt/topics.js';
import type { Feature } from './feature.js';

/**
 * Ingest over MQTT: every device's batches topic, each message admitted like an HTTPS request, and the reply
 * (ack or nack with the reason) published on that device's acks topic. A device resends a batch it got no ack
 * for; the bridge acknowledges an exact resend as a duplicate.
 */
export class MqttIngest implements Feature {
  constructor(
    private readonly connection: MqttConnection,
    private readonly topics: Topics,
    private readonly admission: Admission,
  ) {}

  async start(): Promise<void> {
    this.connection.subscribe(this.topics.allBatches, (topic, payload) => void this.handle(topic, payload));
  }

  async stop(): Promise<void> {
    this.connection.unsubscribe(this.topics.allBatches);
  }

  private async handle(topic: string, payload: Buffer): Promise<void> {
    const deviceId = this.topics.deviceOfBatchesTopic(topic);
    if (deviceId === undefined) return;
    try {
      const admitted = await this.admission.admit(payload, 'mqtt', deviceId);
      this.connection.publish(this.topics.acks(deviceId), 'acks', okReply(admitted));
    } catch (error) {
      this.connection.publish(this.topics.acks(deviceId), 'acks', errorReply(error as Refusal));
    }
  }
}
