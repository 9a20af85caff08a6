/**
 * Device -> bridge -> telemetry, end to end: virtual monitors sign batches and post them over HTTPS, or publish
 * them over MQTT to the bridge's embedded broker and to a real mosquitto; the bridge relays them with
 * @dfinity/agent over the IC HTTP interface to the real telemetry wasm, where every reading must arrive once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet, HttpsSender, MqttSender, topicsFor, type Bridge, type Sender } from '@chargex/bridge';
import { BridgeProcess } from '../bridge/support/bridge-process.js';
import { startTestBridge } from '../bridge/support/bridge-under-test.js';
import { Mosquitto, mosquittoBinary } from '../bridge/support/mosquitto.js';
import { eventually, httpGet, metric } from '../bridge/support/ops.js';
import { TelemetryStack } from '../bridge/support/telemetry-stack.js';

const READINGS_PER_DEVICE = 30;

describe('telemetry pipeline: device -> bridge -> telemetry on localnet', () => {
  let stack: TelemetryStack;
  let nextToken = 1n;

  beforeAll(async () => {
    stack = await TelemetryStack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Registers a fleet in telemetry (one battery per device); returns device id -> battery token id. */
  async function register(fleet: Fleet): Promise<Map<string, bigint>> {
    const tokens = new Map<string, bigint>();
    for (const monitor of fleet.monitors) {
      const token = nextToken++;
      await stack.registerDevice(monitor.deviceId, monitor.publicKey, token);
      tokens.set(monitor.deviceId, token);
    }
    return tokens;
  }

  /** Samples READINGS_PER_DEVICE readings a second apart (ending now) and delivers every batch. */
  async function stream(fleet: Fleet, sender: Sender): Promise<void> {
    const start = Date.now() - READINGS_PER_DEVICE * 1_000;
    for (let i = 0; i < READINGS_PER_DEVICE; i++) {
      fleet.sample(start + i * 1_000, 1);
      await fleet.deliver(sender);
    }
    fleet.seal(Date.now());
    // Devices keep what the bridge did not answer (or asked them to bring back later) and try again.
    await eventually(async () => {
      await fleet.deliver(sender);
      return fleet.undelivered === 0;
    }, 30_000, 'every frame delivered');
  }

  /** Every acknowledged reading is in telemetry exactly once (distinct timestamps, the count acknowledged). */
  async function expectStoredOnce(fleet: Fleet, tokens: Map<string, bigint>): Promise<void> {
    for (const monitor of fleet.monitors) {
      const log = fleet.logs.get(monitor.deviceId)!;
      expect(log.refused).toEqual([]);
      expect(log.readingsAcknowledged).toBe(READINGS_PER_DEVICE);
      const readings = await eventually(async () => {
        const stored = await stack.readings(tokens.get(monitor.deviceId)!);
        return stored.length >= READINGS_PER_DEVICE && stored;
      }, 30_000, `readings of ${monitor.deviceId}`);
      expect(readings).toHaveLength(READINGS_PER_DEVICE);
      expect(new Set(readings.map((reading) => reading.timestamp_ms)).size).toBe(READINGS_PER_DEVICE);
    }
  }

  async function runThrough(bridge: Bridge, sender: Sender, prefix: string, transport: 'http' | 'mqtt'): Promise<void> {
    const fleet = new Fleet({ devices: 4, prefix, algorithm: 'mixed', batchSize: 8, seed: nextToken.toString().length + prefix.length });
    const tokens = await register(fleet);
    await eventually(async () => (await httpGet(`${bridge.endpoints.opsUrl}/readyz`)).status === 200, 30_000, 'a ready bridge');
    await stream(fleet, sender);
    await expectStoredOnce(fleet, tokens);
    const ops = bridge.endpoints.opsUrl;
    expect(await metric(ops, 'chargex_bridge_batches_accepted_total', { transport })).toBe(4 * Math.ceil(READINGS_PER_DEVICE / 8));
    expect(await metric(ops, 'chargex_bridge_readings_accepted_total')).toBe(4 * READINGS_PER_DEVICE);
    await eventually(async () => (await metric(ops, 'chargex_bridge_spool_depth_batches')) === 0, 30_000, 'an empty spool');
    expect(await metric(ops, 'chargex_bridge_batches_relayed_total', { outcome: 'stored' })).toBe(4 * Math.ceil(READINGS_PER_DEVICE / 8));
  }

  it('over HTTPS, trusting the self-signed certificate the bridge made', async () => {
    const { bridge } = await startTestBridge(stack, { mqtt: { enabled: false } });
    expect(bridge.endpoints.ingestUrl).toMatch(/^https:/);
    const sender = new HttpsSender(bridge.endpoints.ingestUrl!, bridge.endpoints.tlsCertificate);
    try {
      await runThrough(bridge, sender, 'https', 'http');
    } finally {
      await sender.close();
      await bridge.stop();
    }
  });

  it('over MQTT through the embedded broker', async () => {
    const { bridge } = await startTestBridge(stack, { https: { enabled: false } });
    const sender = await MqttSender.connect(bridge.endpoints.mqttUrl!);
    try {
      await runThrough(bridge, sender, 'embedded', 'mqtt');
    } finally {
      await sender.close();
      await bridge.stop();
    }
  });

  it('stores what faulty batteries report and refuses what faulty or hostile devices send', async () => {
    const { bridge } = await startTestBridge(stack, { mqtt: { enabled: false } });
    const sender = new HttpsSender(bridge.endpoints.ingestUrl!, bridge.endpoints.tlsCertificate);
    const fleet = new Fleet({ devices: 7, prefix: 'faulty', batchSize: 5, seed: 77 });
    const faults = ['overheating', 'cell_imbalance', 'stuck_sensor', 'dropout', 'clock_skew', 'replay', 'forgery'] as const;
    fleet.monitors.forEach((monitor, i) => monitor.inject(faults[i]!));
    const tokens = await register(fleet);
    try {
      await eventually(async () => (await httpGet(`${bridge.endpoints.opsUrl}/readyz`)).status === 200, 30_000, 'a ready bridge');
      const start = Date.now() - 20_000;
      for (let i = 0; i < 20; i++) {
        fleet.sample(start + i * 1_000, 180); // three minutes of battery time per reading: an hour in all
        await fleet.deliver(sender);
      }
      const log = (i: number) => fleet.logs.get(fleet.monitors[i]!.deviceId)!;
      for (const i of [0, 1, 2]) expect({ fault: faults[i], refused: log(i).refused, stored: log(i).acknowledged.length }).toEqual({ fault: faults[i], refused: [], stored: 4 });
      expect(log(3).acknowledged).toEqual([]); // dropout: everything still buffered on the device
      expect(fleet.monitors[3]!.buffered).toBe(20);
      expect(new Set(log(4).refused.map((refusal) => refusal.code))).toEqual(new Set(['clock_skew']));
      expect(log(5).acknowledged).toEqual([1n, 2n, 3n, 4n]);
      expect(log(5).refused.map((refusal) => refusal.code)).toEqual(['replayed', 'replayed', 'replayed']);
      expect(new Set(log(6).refused.map((refusal) => refusal.code))).toEqual(new Set(['bad_signature']));

      // The uplink comes back: the backlog arrives, in order, in full.
      fleet.monitors[3]!.clear('dropout');
      fleet.seal(Date.now());
      await fleet.deliver(sender);
      expect(log(3).readingsAcknowledged).toBe(20);
      const hot = await eventually(async () => {
        const stored = await stack.readings(tokens.get('faulty-0')!);
        return stored.length === 20 && stored;
      }, 30_000, 'the overheating battery\'s readings');
      const maxTemperature = (reading: (typeof hot)[number]) => Math.max(...Array.from(reading.temperatures_dc));
      expect(maxTemperature(hot.at(-1)!) - maxTemperature(hot[0]!)).toBeGreaterThan(100);
      await eventually(async () => (await stack.readings(tokens.get('faulty-3')!)).length === 20, 30_000, 'the backlog of the device that was offline');
    } finally {
      await sender.close();
      await bridge.stop();
    }
  });

  if (!mosquittoBinary) {
    console.warn(
      '\n*** mosquitto IS NOT INSTALLED: the external-broker pipeline test is SKIPPED. Install it with `apt-get install mosquitto` (scripts/setup.sh does). ***\n',
    );
  }

  it.skipIf(!mosquittoBinary)('over MQTT through an external mosquitto broker', async () => {
    const broker = await Mosquitto.start();
    const { bridge } = await startTestBridge(stack, { https: { enabled: false }, mqtt: { url: broker.url } });
    const sender = await MqttSender.connect(broker.url);
    try {
      await runThrough(bridge, sender, 'mosquitto', 'mqtt');
    } finally {
      await sender.close();
      await bridge.stop();
      await broker.stop();
    }
  });

  it.skipIf(!mosquittoBinary)('keeps a retained bridge state on the broker: online while up, its last will offline once killed', async () => {
    const broker = await Mosquitto.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'bridge-will-'));
    const bridge = await BridgeProcess.start({
      CHARGEX_BRIDGE_DATA_DIR: dataDir,
      CHARGEX_BRIDGE_HTTPS_ENABLED: 'false',
      CHARGEX_BRIDGE_OPS_PORT: '0',
      CHARGEX_BRIDGE_MQTT_URL: broker.url,
      CHARGEX_BRIDGE_RELAY_HOST: stack.url,
      CHARGEX_BRIDGE_RELAY_CANISTER_ID: stack.telemetryId,
      CHARGEX_BRIDGE_RELAY_FETCH_ROOT_KEY: 'true',
    });
    const watch = async (clientId: string) => {
      const client = await mqtt.connectAsync(broker.url, { clientId });
      const states: string[] = [];
      client.on('message', (_topic, payload, packet) => states.push(`${payload.toString()}${packet.retain ? ' (retained)' : ''}`));
      await client.subscribeAsync(topicsFor('chargex/v1').bridgeState, { qos: 1 });
      return { client, states };
    };
    const watcher = await watch('state-watcher');
    try {
      await eventually(async () => watcher.states.includes('online') || watcher.states.includes('online (retained)'), 10_000, 'the online state');
      // A client arriving later gets the state from the broker's retained copy.
      const late = await watch('late-watcher');
      await eventually(async () => late.states.includes('online (retained)'), 10_000, 'the retained online state');
      await late.client.endAsync();
      await bridge.kill();
      await eventually(async () => watcher.states.at(-1) === 'offline', 10_000, 'the last will');
    } finally {
      await watcher.client.endAsync();
      await bridge.stop();
      await broker.stop();
    }
  });
});
