import type { MqttConnection } from '../mqtt/connection.js';
import type { DeviceRegistryCache } from '../registry/device-registry.js';
import type { Relayer } from '../relay/relayer.js';
import type { Spool } from '../spool/spool.js';
import type { Check } from './ops-server.js';

export interface ReadinessSources {
  registry: DeviceRegistryCache;
  spool: Spool;
  relayer: Relayer;
  /** The MQTT connection, once there is one (none with MQTT disabled). */
  connection: () => MqttConnection | undefined;
  maxFrameBytes: number;
  spoolMaxBytes: number;
}

/**
 * What /readyz reports. Ready means devices can be accepted: the registry is loaded, the spool can take a batch
 * of the largest size accepted (or the whole spool's worth, if that is smaller), MQTT is connected. Relay failures
 * do not make the bridge unready, since the spool keeps accepting while telemetry is away; they are reported.
 */
export function readinessChecks(sources: ReadinessSources): () => Check[] {
  const { registry, spool, relayer } = sources;
  const largestFrame = Math.min(sources.maxFrameBytes, sources.spoolMaxBytes);
  return () => {
    const connection = sources.connection();
    return [
      { name: 'registry', ok: registry.loaded, detail: registry.loaded ? `${registry.size} devices at version ${registry.currentVersion}` : 'not read from telemetry yet' },
      { name: 'spool', ok: spool.hasRoomFor(largestFrame), detail: `${spool.pendingBatches} batches, ${spool.pendingBytes} of ${sources.spoolMaxBytes} bytes pending` },
      ...(connection ? [{ name: 'mqtt', ok: connection.connected, detail: connection.connected ? 'connected' : 'connecting' }] : []),
      { name: 'relay', ok: true, detail: relayer.failures === 0 ? 'telemetry answering' : `${relayer.failures} failed calls in a row: ${relayer.lastError}` },
    ];
  };
}
