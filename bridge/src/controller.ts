import { join } from 'node:path';
import type { Identity } from '@dfinity/agent';
import { BridgeStateTopic } from './features/bridge-state.js';
import type { Feature } from './features/feature.js';
import { HttpIngest } from './features/http-ingest.js';
import { Metrics } from './features/metrics.js';
import { MqttIngest } from './features/mqtt-ingest.js';
import { OpsServer } from './features/ops-server.js';
import { readinessChecks } from './features/readiness.js';
import { RegistrySync } from './features/registry-sync.js';
import { SpoolPressureLog } from './features/spool-pressure-log.js';
import { EventBus } from './infra/event-bus.js';
import { loadOrCreateIdentity } from './infra/identity.js';
import { createLogger, type Logger } from './infra/logger.js';
import { loadOrCreateTls } from './infra/tls.js';
import { Admission } from './ingest/admission.js';
import { MqttConnection } from './mqtt/connection.js';
import { EmbeddedBroker } from './mqtt/embedded-broker.js';
import { topicsFor } from './mqtt/topics.js';
import { DeviceRegistryCache } from './registry/device-registry.js';
import { Relayer } from './relay/relayer.js';
import { createTelemetryClient, type TelemetryClient } from './relay/telemetry-client.js';
import type { Settings } from './settings/schema.js';
import { Spool } from './spool/spool.js';

export interface BridgeOptions {
  logger?: Logger;
  /** Replaces the agent-based client (tests of the bridge alone). */
  telemetry?: TelemetryClient;
}

/** Where a running bridge can be reached. */
export interface BridgeEndpoints {
  /** https://host:port (or http:// with https.plainHttp); undefined with https.enabled false. */
  ingestUrl: string | undefined;
  opsUrl: string;
  /** The broker devices publish to; undefined with mqtt.enabled false. */
  mqttUrl: string | undefined;
  /** The self-signed certificate devices should trust (PEM). */
  tlsCertificate: string | undefined;
}

/**
 * The composition root: builds the infrastructure (logger, event bus, spool, registry cache, telemetry client,
 * MQTT connection) and the features, starts them in dependency order and stops them in reverse. Nothing else
 * creates long-lived objects, and no feature reaches another except through what is passed to it here.
 */
export class Bridge {
  private constructor(
    readonly identity: Identity,
    readonly endpoints: BridgeEndpoints,
    readonly metrics: Metrics,
    private readonly features: Feature[],
    private readonly spool: Spool,
    private readonly logger: Logger,
  ) {}

  /** Builds and starts a bridge; on failure everything started so far is stopped again. */
  static async start(settings: Settings, options: BridgeOptions = {}): Promise<Bridge> {
    const logger = options.logger ?? createLogger(settings.log.level);
    const identity = loadOrCreateIdentity(settings.dataDir);
    logger.info('bridge starting', { principal: identity.getPrincipal().toText(), dataDir: settings.dataDir });
    const telemetry =
      options.telemetry ??
      createTelemetryClient({ host: settings.relay.host, canisterId: settings.relay.canisterId, identity, fetchRootKey: settings.relay.fetchRootKey });
    const spool = Spool.open({ dir: join(settings.dataDir, 'spool'), ...settings.spool, logger: logger.child({ module: 'spool' }) });
    const bus = new EventBus(logger);
    const registry = new DeviceRegistryCache(telemetry, settings.registry.pageSize, logger.child({ module: 'registry' }));
    const admission = new Admission(spool, registry, bus, settings.ingest);
    const metrics = new Metrics(bus, spool, registry);
    const relayer = new Relayer(spool, telemetry, bus, logger.child({ module: 'relay' }), settings.relay);
    const features: Feature[] = [
      metrics,
      new RegistrySync(registry, settings.registry.refreshIntervalMs, logger.child({ module: 'registry' })),
      relayer,
      new SpoolPressureLog(bus, spool, relayer, logger.child({ module: 'spool' }))
    ];

    const broker = settings.mqtt.enabled && !settings.mqtt.url ? new EmbeddedBroker(settings.mqtt.embeddedHost, settings.mqtt.embeddedPort, logger.child({ module: 'broker' })) : undefined;
    let connection: MqttConnection | undefined;
    const tls = settings.https.enabled && !settings.https.plainHttp ? await loadOrCreateTls(settings.dataDir, hostnames(settings.https.tlsHostnames)) : undefined;
    const http = settings.https.enabled ? new HttpIngest(admission, { ...settings.https, maxFrameBytes: settings.ingest.maxFrameBytes, tls }, logger.child({ module: 'http' })) : undefined;
    const checks = readinessChecks({ registry, spool, relayer, connection: () => connection, maxFrameBytes: settings.ingest.maxFrameBytes, spoolMaxBytes: settings.spool.maxBytes });
    const ops = new OpsServer(metrics, checks, settings.ops, logger.child({ module: 'ops' }));

    const started: Feature[] = [];
    try {
      for (const feature of features) await startFeature(feature, started);
      if (broker) await startFeature(broker, started);
      if (settings.mqtt.enabled) {
        // The connection needs the broker's real address, so it is made once the broker listens.
        connection = mqttConnection(settings, broker, logger);
        const topics = topicsFor(settings.mqtt.topicPrefix);
        for (const feature of [connection, new BridgeStateTopic(connection, topics), new MqttIngest(connection, topics, admission)]) {
          await startFeature(feature, started);
        }
      }
      if (http) await startFeature(http, started);
      await startFeature(ops, started);
    } catch (error) {
      await stopAll(started, logger);
      await spool.close();
      throw error;
    }
    const host = (address: string) => (address === '0.0.0.0' ? '127.0.0.1' : address);
    const endpoints: BridgeEndpoints = {
      ingestUrl: http ? `${tls ? 'https' : 'http'}://${host(settings.https.host)}:${http.port}` : undefined,
      opsUrl: `http://${host(settings.ops.host)}:${ops.port}`,
      mqttUrl: broker ? broker.url : settings.mqtt.enabled ? settings.mqtt.url : undefined,
      tlsCertificate: tls?.cert,
    };
    logger.info('bridge started', { ...endpoints, tlsCertificate: undefined });
    return new Bridge(identity, endpoints, metrics, started, spool, logger);
  }

  /** Stops accepting, lets the relay finish its call, stops everything in reverse start order, closes the spool. */
  async stop(): Promise<void> {
    await stopAll(this.features, this.logger);
    await this.spool.close();
    this.logger.info('bridge stopped');
  }
}

function mqttConnection(settings: Settings, broker: EmbeddedBroker | undefined, logger: Logger): MqttConnection {
  const topics = topicsFor(settings.mqtt.topicPrefix);
  const { clientId, username, password } = settings.mqtt;
  const will = { topic: topics.bridgeState, payload: 'offline' };
  return new MqttConnection({ url: broker ? broker.url : settings.mqtt.url, clientId, username, password, will }, logger.child({ module: 'mqtt' }));
}

function hostnames(list: string): string[] {
  return list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

async function startFeature(feature: Feature, started: Feature[]): Promise<void> {
  await feature.start();
  started.push(feature);
}

async function stopAll(features: Feature[], logger: Logger): Promise<void> {
  for (const feature of [...features].reverse()) {
    await feature.stop().catch((error) => logger.error('feature failed to stop', { feature: feature.constructor.name, error }));
  }
}
