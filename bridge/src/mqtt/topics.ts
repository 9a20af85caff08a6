import type { Reply } from '../ingest/reply.js';

/**
 * The MQTT contract, topic by topic, with the payload each carries. `prefix` is the mqtt.topicPrefix setting
 * (chargex/v1 by default).
 *
 *   <prefix>/devices/<deviceId>/batches   device -> bridge   a signed frame (src/protocol/frame.ts), QoS 1
 *   <prefix>/devices/<deviceId>/acks      bridge -> device   a Reply (src/ingest/reply.ts) as JSON, QoS 1
 *   <prefix>/bridge/state                 bridge -> anyone   "online" | "offline", retained; "offline" is the
 *                                                            bridge's last will, so it is also set when the
 *                                                            bridge dies without saying goodbye
 */
export interface TopicPayloads {
  batches: Uint8Array;
  acks: Reply;
  bridgeState: BridgeState;
}

export type BridgeState = 'online' | 'offline';

export interface Topics {
  batches(deviceId: string): string;
  /** What the bridge subscribes to: every device's batches. */
  allBatches: string;
  acks(deviceId: string): string;
  bridgeState: string;
  /** The device a batches topic names, or undefined if the topic is not one. */
  deviceOfBatchesTopic(topic: string): string | undefined;
}

export function topicsFor(prefix: string): Topics {
  const devices = `${prefix}/devices/`;
  return {
    batches: (deviceId) => `${devices}${deviceId}/batches`,
    allBatches: `${devices}+/batches`,
    acks: (deviceId) => `${devices}${deviceId}/acks`,
    bridgeState: `${prefix}/bridge/state`,
    deviceOfBatchesTopic(topic) {
      if (!topic.startsWith(devices) || !topic.endsWith('/batches')) return undefined;
      const deviceId = topic.slice(devices.length, -'/batches'.length);
      return deviceId.length > 0 && !deviceId.includes('/') ? deviceId : undefined;
    },
  };
}

/** The bytes a payload travels as. */
export function encodePayload<K extends keyof TopicPayloads>(kind: K, payload: TopicPayloads[K]): Buffer | string {
  if (kind === 'batches') return Buffer.from(payload as Uint8Array);
  if (kind === 'acks') return JSON.stringify(payload);
  return payload as string;
}
