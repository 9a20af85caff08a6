/**
 * Bridge benchmarks, each against a baseline measured in the same run:
 * - end to end: readings/s from devices (HTTPS) through the bridge into the telemetry canister (real wasm on
 *   localnet, over the IC HTTP interface), against the same batches ingested directly with the agent;
 * - MQTT ingest: signed batches/s the bridge verifies, spools (fsync=always and never) and acknowledges over MQTT,
 *   against raw MQTT publish -> subscribe of the same payloads through the same embedded broker.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Actor, HttpAgent } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import mqtt from 'mqtt';
import { telemetryIdlFactory, type TelemetryService } from '@chargex/client';
import {
  Bridge,
  createLogger,
  decodeFrame,
  HttpsSender,
  requireSettings,
  topicsFor,
  VirtualMonitor,
  type TelemetryClient,
} from '@chargex/bridge';
import { startTestBridge } from '../test/bridge/support/bridge-under-test.js';
import { TelemetryStack } from '../test/bridge/support/telemetry-stack.js';
import { report } from './report.js';

const E2E_DEVICES = 8;
const E2E_BATCHES_PER_DEVICE = 10;
const READINGS_PER_BATCH = 64;
const MQTT_DEVICES = 20;
const MQTT_FRAMES = 4_000;

export async function benchBridge(): Promise<void> {
  const stack = await TelemetryStack.start();
  try {
    await benchEndToEnd(stack);
  } finally {
    await stack.stop();
  }
  await benchMqttIngest();
}

/** Monitors registered in telemetry, each with its batches signed in advance (signing is the devices' cost). */
async function signedFleet(stack: TelemetryStack, prefix: string, firstToken: bigint) {
  const start = Date.now() - 30 * 60_000;
  const devices = [];
  for (let d = 0; d < E2E_DEVICES; d++) {
    const monitor = new VirtualMonitor({ deviceId: `${prefix}-${d}`, seed: d + 1, batchSize: READINGS_PER_BATCH });
    await stack.registerDevice(monitor.deviceId, monitor.publicKey, firstToken + BigInt(d));
    const frames: Uint8Array[] = [];
    for (let b = 0; b < E2E_BATCHES_PER_DEVICE; b++) {
      for (let r = 0; r < READINGS_PER_BATCH; r++) monitor.sample(start + (b * READINGS_PER_BATCH + r) * 1_000, 1);
      frames.push(monitor.takeBatch(Date.now())!.frame);
    }
    devices.push({ deviceId: monitor.deviceId, frames });
  }
  return devices;
}

async function waitForStored(stack: TelemetryStack, readings: bigint): Promise<void> {
  const deadline = Date.now() + 120_000;
  while ((await stack.count('readings_stored')) < readings) {
    if (Date.now() > deadline) throw new Error(`telemetry did not store ${readings} readings in 2 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function benchEndToEnd(stack: TelemetryStack): Promise<void> {
  const total = BigInt(E2E_DEVICES * E2E_BATCHES_PER_DEVICE * READINGS_PER_BATCH);

  // Baseline: the same kind of batches sent straight to ingest by a relayer with the agent, as many per call as
  // telemetry's limits allow (8 batches of 64 readings: 512 readings).
  const direct = await signedFleet(stack, 'direct', 10_000n);
  const relayer = Ed25519KeyIdentity.generate();
  await stack.grantRelayer(relayer.getPrincipal());
  const agent = HttpAgent.createSync({ host: stack.url, identity: relayer });
  await agent.fetchRootKey();
  const telemetry = Actor.createActor<TelemetryService>(telemetryIdlFactory, { agent, canisterId: Principal.fromText(stack.telemetryId) });
  const wire = direct.flatMap(({ frames }) => frames.map((frame) => toWire(decodeFrame(frame).batch)));
  const before = await stack.count('readings_stored');
  let started = performance.now();
  const limits = await telemetry.ingest_limits();
  const perCall = Math.min(limits.max_batches_per_call, Math.floor(limits.max_readings_per_call / READINGS_PER_BATCH));
  for (let i = 0; i < wire.length; i += perCall) {
    const result = await telemetry.ingest(wire.slice(i, i + perCall));
    if ('Err' in result) throw new Error(`direct ingest failed: ${JSON.stringify(Object.keys(result.Err))}`);
  }
  await waitForStored(stack, before + total);
  const directRate = Number(total) / ((performance.now() - started) / 1000);

  const devices = await signedFleet(stack, 'bridged', 20_000n);
  const { bridge } = await startTestBridge(stack, { mqtt: { enabled: false }, spool: { fsync: 'always' } });
  const sender = new HttpsSender(bridge.endpoints.ingestUrl!, bridge.endpoints.tlsCertificate);
  try {
    await waitReady(bridge);
    const stored = await stack.count('readings_stored');
    started = performance.now();
    // Each device posts its batches in order, one at a time; devices in parallel.
    await Promise.all(devices.map(async ({ deviceId, frames }) => {
      for (const frame of frames) {
        const { reply } = await sender.send(deviceId, frame);
        if (reply.status !== 'ok') throw new Error(`bridge refused a benchmark batch: ${reply.error.message}`);
      }
    }));
    const acknowledgedAfter = (performance.now() - started) / 1000;
    await waitForStored(stack, stored + total);
    const bridgedRate = Number(total) / ((performance.now() - started) / 1000);
    report(`readings/s device -> bridge (HTTPS, fsync) -> telemetry`, bridgedRate, 'agent ingest direct', directRate);
    report(`readings/s acknowledged to devices by the bridge (HTTPS)`, Number(total) / acknowledgedAfter, 'agent ingest direct', directRate);
  } finally {
    await sender.close();
    await bridge.stop();
  }
}

function toWire(batch: ReturnType<typeof decodeFrame>['batch']) {
  return {
    device_id: batch.deviceId,
    sequence: batch.sequence,
    timestamp_ms: BigInt(batch.sentAtMs),
    readings: batch.readings.map((r) => ({
      timestamp_ms: BigInt(r.timestampMs),
      cell_voltages_v: r.cellsMv.map((mv) => mv / 1000),
      pack_current_a: r.currentCa / 100,
      temperatures_c: r.temperaturesDc.map((dc) => dc / 10),
      soc_percent: r.socPermille / 10,
      gps: r.gps ? ([{ latitude: r.gps.latE7 / 1e7, longitude: r.gps.lonE7 / 1e7 }] as [{ latitude: number; longitude: number }]) : ([] as []),
    })),
  };
}

async function waitReady(bridge: Bridge): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await fetch(`${bridge.endpoints.opsUrl}/readyz`)).ok) {
    if (Date.now() > deadline) throw new Error('the bridge did not become ready in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** MQTT_FRAMES signed 10-reading frames from MQTT_DEVICES Ed25519 monitors, and a registry that knows them. */
function mqttWorkload() {
  const monitors = Array.from({ length: MQTT_DEVICES }, (_, d) => new VirtualMonitor({ deviceId: `mqtt-${d}`, seed: 500 + d, batchSize: 10 }));
  const frames: Array<{ deviceId: string; frame: Uint8Array }> = [];
  const start = Date.now() - 60 * 60_000;
  for (let i = 0; i < MQTT_FRAMES; i++) {
    const monitor = monitors[i % MQTT_DEVICES]!;
    for (let r = 0; r < 10; r++) monitor.sample(start + (Math.floor(i / MQTT_DEVICES) * 10 + r) * 100, 0.1);
    frames.push({ deviceId: monitor.deviceId, frame: monitor.takeBatch(Date.now())!.frame });
  }
  // The bridge's side of telemetry: the registry, and an ingest that stores at once (the canister is measured above).
  const telemetry: TelemetryClient = {
    deviceKeysSince: async () => ({
      entries: monitors.map((m, i) => ({ deviceId: m.deviceId, key: m.publicKey, status: 'active' as const, batteryTokenId: BigInt(i), version: BigInt(i + 1) })),
      nextVersion: BigInt(MQTT_DEVICES),
      headVersion: BigInt(MQTT_DEVICES),
    }),
    ingestLimits: async () => ({ maxBatchesPerCall: 32, maxReadingsPerCall: 512 }),
    ingest: async (batches) => batches.map(() => ({ kind: 'stored' as const, duplicate: false, accepted: 10, rejected: 0 })),
  };
  return { frames, telemetry };
}

async function benchMqttIngest(): Promise<void> {
  const { frames, telemetry } = mqttWorkload();
  const rates: Record<string, number> = {};
  for (const fsync of ['always', 'never'] as const) {
    const settings = requireSettings({}, {
      dataDir: mkdtempSync(join(tmpdir(), 'bench-bridge-')),
      log: { level: 'error' },
      https: { enabled: false },
      mqtt: { embeddedHost: '127.0.0.1', embeddedPort: 0 },
      ops: { port: 0 },
      relay: { canisterId: 'aaaaa-aa' },
      spool: { fsync },
    });
    const bridge = await Bridge.start(settings, { telemetry, logger: createLogger('error') });
    try {
      await waitReady(bridge);
      const url = bridge.endpoints.mqttUrl!;
      if (fsync === 'always') rates.raw = await rawPublishRate(url, frames);
      rates[fsync] = await bridgeIngestRate(url, frames);
    } finally {
      await bridge.stop();
    }
  }
  report('MQTT batches/s acknowledged by the bridge (verify + spool, fsync=always)', rates.always!, 'raw publish->subscribe', rates.raw!);
  report('MQTT batches/s acknowledged by the bridge (verify + spool, fsync=never)', rates.never!, 'raw publish->subscribe', rates.raw!);
}

/** Messages/s a plain subscriber receives when the payloads are published at QoS 1 through the broker. */
async function rawPublishRate(url: string, frames: Array<{ deviceId: string; frame: Uint8Array }>): Promise<number> {
  const subscriber = await mqtt.connectAsync(url, { clientId: 'bench-raw-sub' });
  const publisher = await mqtt.connectAsync(url, { clientId: 'bench-raw-pub' });
  await subscriber.subscribeAsync('bench/raw/+', { qos: 1 });
  let received = 0;
  const done = new Promise<void>((resolve) => subscriber.on('message', () => ++received === frames.length && resolve()));
  const started = performance.now();
  await Promise.all(frames.map(({ deviceId, frame }) => publisher.publishAsync(`bench/raw/${deviceId}`, Buffer.from(frame), { qos: 1 })));
  await done;
  const rate = frames.length / ((performance.now() - started) / 1000);
  await publisher.endAsync();
  await subscriber.endAsync();
  return rate;
}

/** Batches/s the bridge acknowledges on the acks topics when the same payloads go to the devices' batches topics. */
async function bridgeIngestRate(url: string, frames: Array<{ deviceId: string; frame: Uint8Array }>): Promise<number> {
  const topics = topicsFor('chargex/v1');
  const client = await mqtt.connectAsync(url, { clientId: `bench-devices-${Math.random()}` });
  await client.subscribeAsync(topics.acks('+'), { qos: 1 });
  let acknowledged = 0;
  const done = new Promise<void>((resolve, reject) =>
    client.on('message', (_topic, payload) => {
      const reply = JSON.parse(payload.toString()) as { status: string; error: { message: string } | null };
      if (reply.status !== 'ok') reject(new Error(`bridge refused a benchmark batch: ${reply.error?.message}`));
      if (++acknowledged === frames.length) resolve();
    }),
  );
  const started = performance.now();
  await Promise.all(frames.map(({ deviceId, frame }) => client.publishAsync(topics.batches(deviceId), Buffer.from(frame), { qos: 1 })));
  await done;
  const rate = frames.length / ((performance.now() - started) / 1000);
  await client.endAsync();
  return rate;
}
