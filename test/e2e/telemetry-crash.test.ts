/**
 * Crashes in the middle of a stream. The bridge process is killed with SIGKILL and restarted on its data dir; the
 * replica is stopped and restarted from its state folder while the bridge is relaying. Devices keep sampling and
 * resend what got no answer. Afterwards telemetry must hold every reading the devices sampled exactly once: none
 * that was acknowledged is lost, none is stored twice.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet, HttpsSender, loadOrCreateIdentity, type Sender } from '@chargex/bridge';
import { startTestBridge } from '../bridge/support/bridge-under-test.js';
import { BridgeProcess } from '../bridge/support/bridge-process.js';
import { eventually, httpGet, metric } from '../bridge/support/ops.js';
import { TelemetryStack } from '../bridge/support/telemetry-stack.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('telemetry pipeline under crashes', () => {
  let stack: TelemetryStack;
  let nextToken = 100n;

  beforeAll(async () => {
    stack = await TelemetryStack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function registeredFleet(prefix: string): Promise<{ fleet: Fleet; tokens: Map<string, bigint> }> {
    const fleet = new Fleet({ devices: 4, prefix, algorithm: 'mixed', batchSize: 5, seed: Number(nextToken) });
    const tokens = new Map<string, bigint>();
    for (const monitor of fleet.monitors) {
      tokens.set(monitor.deviceId, nextToken);
      await stack.registerDevice(monitor.deviceId, monitor.publicKey, nextToken++);
    }
    return { fleet, tokens };
  }

  /**
   * Devices sample every 100 ms of wall time (readings stamped a second apart, from a minute ago) and deliver
   * as they go, until `stop()`; then they hand in their last partial batch and deliver until nothing is left.
   */
  function streamInBackground(fleet: Fleet, sender: () => Sender) {
    let stopped = false;
    let sampled = 0;
    const start = Date.now() - 60_000;
    const loop = (async () => {
      while (!stopped) {
        fleet.sample(start + sampled * 1_000, 1);
        sampled++;
        await fleet.deliver(sender());
        await sleep(100);
      }
    })();
    return {
      get sampled() {
        return sampled;
      },
      async stop(): Promise<number> {
        stopped = true;
        await loop;
        fleet.seal(start + sampled * 1_000);
        await eventually(async () => {
          await fleet.deliver(sender());
          return fleet.undelivered === 0;
        }, 60_000, 'every frame delivered');
        return sampled;
      },
    };
  }

  /** Telemetry holds exactly the sampled readings of every device: all of them, each once. */
  async function expectExactlyOnce(fleet: Fleet, tokens: Map<string, bigint>, sampled: number): Promise<void> {
    for (const monitor of fleet.monitors) {
      const log = fleet.logs.get(monitor.deviceId)!;
      expect(log.refused).toEqual([]);
      expect(log.readingsAcknowledged).toBe(sampled);
      const readings = await eventually(async () => {
        const stored = await stack.readings(tokens.get(monitor.deviceId)!);
        return stored.length >= sampled && stored;
      }, 60_000, `all readings of ${monitor.deviceId} in telemetry`);
      expect(readings).toHaveLength(sampled);
      expect(new Set(readings.map((reading) => reading.timestamp_ms)).size).toBe(sampled);
    }
  }

  it('loses and duplicates nothing when the bridge process is killed with SIGKILL mid-stream', async () => {
    const { fleet, tokens } = await registeredFleet('kill');
    const dataDir = mkdtempSync(join(tmpdir(), 'bridge-kill-'));
    await stack.grantRelayer(loadOrCreateIdentity(dataDir).getPrincipal());
    const env = (ports: { https: string; ops: string }) => ({
      CHARGEX_BRIDGE_DATA_DIR: dataDir,
      CHARGEX_BRIDGE_LOG_LEVEL: 'info',
      CHARGEX_BRIDGE_HTTPS_HOST: '127.0.0.1',
      CHARGEX_BRIDGE_HTTPS_PORT: ports.https,
      CHARGEX_BRIDGE_OPS_PORT: ports.ops,
      CHARGEX_BRIDGE_MQTT_ENABLED: 'false',
      CHARGEX_BRIDGE_RELAY_HOST: stack.url,
      CHARGEX_BRIDGE_RELAY_CANISTER_ID: stack.telemetryId,
      CHARGEX_BRIDGE_RELAY_FETCH_ROOT_KEY: 'true',
      CHARGEX_BRIDGE_RELAY_LINGER_MS: '20',
      CHARGEX_BRIDGE_REGISTRY_REFRESH_INTERVAL_MS: '500',
      CHARGEX_BRIDGE_SPOOL_FSYNC: 'always',
    });
    let bridge = await BridgeProcess.start(env({ https: '0', ops: '0' }));
    const ports = { https: new URL(bridge.endpoints.ingestUrl!).port, ops: new URL(bridge.endpoints.opsUrl).port };
    const sender = new HttpsSender(bridge.endpoints.ingestUrl!, readFileSync(join(dataDir, 'tls-cert.pem'), 'utf8'), 2_000);
    try {
      await eventually(async () => (await httpGet(`${bridge.endpoints.opsUrl}/readyz`)).status === 200, 30_000, 'a ready bridge');
      const stream = streamInBackground(fleet, () => sender);
      await eventually(async () => (await metric(bridge.endpoints.opsUrl, 'chargex_bridge_batches_relayed_total')) >= 8, 30_000, 'relaying under way');
      await bridge.kill();
      const acknowledgedBeforeKill = [...fleet.logs.values()].reduce((sum, log) => sum + log.acknowledged.length, 0);
      await sleep(1_000);
      bridge = await BridgeProcess.start(env(ports));
      await eventually(async () => (await httpGet(`${bridge.endpoints.opsUrl}/readyz`)).status === 200, 30_000, 'a ready bridge after the restart');
      await sleep(1_500);
      const sampled = await stream.stop();

      expect(acknowledgedBeforeKill).toBeGreaterThan(0);
      await expectExactlyOnce(fleet, tokens, sampled);
      await eventually(async () => (await metric(bridge.endpoints.opsUrl, 'chargex_bridge_spool_depth_batches')) === 0, 30_000, 'an empty spool');
    } finally {
      await sender.close();
      await bridge.stop();
    }
  });

  it('loses and duplicates nothing when the replica restarts while the bridge is relaying', async () => {
    const { fleet, tokens } = await registeredFleet('restart');
    const { bridge } = await startTestBridge(stack, { mqtt: { enabled: false }, spool: { fsync: 'always' } });
    const sender = new HttpsSender(bridge.endpoints.ingestUrl!, bridge.endpoints.tlsCertificate, 2_000);
    const ops = bridge.endpoints.opsUrl;
    try {
      await eventually(async () => (await httpGet(`${ops}/readyz`)).status === 200, 30_000, 'a ready bridge');
      const stream = streamInBackground(fleet, () => sender);
      await eventually(async () => (await metric(ops, 'chargex_bridge_batches_relayed_total')) >= 8, 30_000, 'relaying under way');
      await stack.stop();
      // The replica is down: devices are still acknowledged (the spool takes their batches), relay calls fail.
      const acceptedWhileDown = await metric(ops, 'chargex_bridge_batches_accepted_total');
      await eventually(async () => (await metric(ops, 'chargex_bridge_relay_retries_total')) >= 2, 30_000, 'failed relay calls');
      expect(await metric(ops, 'chargex_bridge_batches_accepted_total')).toBeGreaterThan(acceptedWhileDown);
      await stack.restart();
      const sampled = await stream.stop();

      await expectExactlyOnce(fleet, tokens, sampled);
      await eventually(async () => (await metric(ops, 'chargex_bridge_spool_depth_batches')) === 0, 60_000, 'an empty spool');
    } finally {
      await sender.close();
      await bridge.stop();
    }
  });
});
