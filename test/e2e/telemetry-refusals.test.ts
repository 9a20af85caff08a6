/**
 * What the bridge refuses, over HTTPS and MQTT, against the real telemetry registry: forged, replayed, oversized,
 * malformed and out-of-range batches, skewed clocks, unknown and suspended devices, and a full spool. Each is
 * refused with its reason code, a message saying what was wrong, the HTTP status, and a count in /metrics;
 * nothing refused reaches telemetry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HttpsSender,
  MqttSender,
  signFrame,
  VirtualMonitor,
  type Bridge,
  type Reading,
  type Reply,
} from '@chargex/bridge';
import { startTestBridge } from '../bridge/support/bridge-under-test.js';
import { eventually, httpGet, metric } from '../bridge/support/ops.js';
import { TelemetryStack } from '../bridge/support/telemetry-stack.js';

const MAX_FRAME_BYTES = 8_192;

type Refused = Extract<Reply, { status: 'error' }>;

describe('telemetry bridge refusals', () => {
  let stack: TelemetryStack;
  let bridge: Bridge;
  let https: HttpsSender;
  let mqtt: MqttSender;
  let ops: string;
  let token = 500n;

  async function registered(deviceId: string, options: { algorithm?: 'ed25519' | 'secp256k1' } = {}): Promise<VirtualMonitor> {
    const monitor = new VirtualMonitor({ deviceId, seed: Number(token), batchSize: 3, algorithm: options.algorithm });
    await stack.registerDevice(deviceId, monitor.publicKey, token++);
    return monitor;
  }

  /** A signed frame of `count` fresh readings from `monitor`. */
  function nextFrame(monitor: VirtualMonitor, count = 3): { frame: Uint8Array; sequence: bigint } {
    for (let i = 0; i < count; i++) monitor.sample(Date.now() - (count - i) * 1_000, 1);
    return monitor.takeBatch(Date.now(), true)!;
  }

  const refused = (reason: string, transport = 'http') => metric(ops, 'chargex_bridge_batches_refused_total', { transport, reason });

  async function expectRefusedOverHttps(deviceId: string, frame: Uint8Array, code: string, status: number, message: RegExp): Promise<Refused> {
    const before = await refused(code);
    const { reply, status: got } = await https.send(deviceId, frame);
    expect(reply.status).toBe('error');
    const error = reply as Refused;
    expect({ status: got, code: error.error.code }).toEqual({ status, code });
    expect(error.error.message).toMatch(message);
    expect(await refused(code)).toBe(before + 1);
    return error;
  }

  beforeAll(async () => {
    stack = await TelemetryStack.start();
    ({ bridge } = await startTestBridge(stack, { ingest: { maxFrameBytes: MAX_FRAME_BYTES } }));
    ops = bridge.endpoints.opsUrl;
    https = new HttpsSender(bridge.endpoints.ingestUrl!, bridge.endpoints.tlsCertificate);
    mqtt = await MqttSender.connect(bridge.endpoints.mqttUrl!);
    await eventually(async () => (await httpGet(`${ops}/readyz`)).status === 200, 30_000, 'a ready bridge');
  });

  afterAll(async () => {
    await https?.close();
    await mqtt?.close();
    await bridge?.stop();
    await stack?.stop();
  });

  it('answers health and readiness with its checks', async () => {
    expect(await httpGet(`${ops}/healthz`)).toEqual({ status: 200, body: '{"status":"ok"}' });
    const ready = JSON.parse((await httpGet(`${ops}/readyz`)).body) as { status: string; checks: Array<{ name: string; ok: boolean }> };
    expect(ready.status).toBe('ready');
    expect(ready.checks.map((check) => check.name)).toEqual(['registry', 'spool', 'mqtt', 'relay']);
  });

  it('refuses a forged batch (signed with another key) over HTTPS and MQTT', async () => {
    const monitor = await registered('forger-1');
    monitor.inject('forgery');
    const forged = nextFrame(monitor);
    const error = await expectRefusedOverHttps('forger-1', forged.frame, 'bad_signature', 401, /does not verify with the ed25519 key of forger-1/);
    expect(error.data).toEqual({ device_id: 'forger-1', sequence: String(forged.sequence) });

    const before = await refused('bad_signature', 'mqtt');
    const { reply } = await mqtt.send('forger-1', nextFrame(monitor).frame);
    expect(reply).toMatchObject({ status: 'error', error: { code: 'bad_signature' } });
    expect(await refused('bad_signature', 'mqtt')).toBe(before + 1);
  });

  it('refuses a tampered batch signed with secp256k1', async () => {
    const monitor = await registered('tamper-1', { algorithm: 'secp256k1' });
    const { frame } = nextFrame(monitor);
    frame[40]! ^= 0x01; // inside the first reading, after the header: still decodes, no longer verifies
    await expectRefusedOverHttps('tamper-1', frame, 'bad_signature', 401, /secp256k1 key of tamper-1/);
  });

  it('refuses a replayed batch, and acknowledges an exact resend of the last one as a duplicate', async () => {
    const monitor = await registered('replayer-1');
    const first = nextFrame(monitor);
    const second = nextFrame(monitor);
    expect((await https.send('replayer-1', first.frame)).reply).toMatchObject({ status: 'ok', data: { duplicate: false } });
    expect((await https.send('replayer-1', second.frame)).reply).toMatchObject({ status: 'ok', data: { duplicate: false } });
    expect((await https.send('replayer-1', second.frame)).reply).toMatchObject({ status: 'ok', data: { duplicate: true, sequence: '2' } });
    await expectRefusedOverHttps('replayer-1', monitor.replayFrame()!.frame, 'replayed', 409, /sequence 1 is not above 2/);

    const before = await refused('replayed', 'mqtt');
    expect((await mqtt.send('replayer-1', first.frame)).reply).toMatchObject({ status: 'error', error: { code: 'replayed' } });
    expect(await refused('replayed', 'mqtt')).toBe(before + 1);
  });

  it('refuses oversized bodies and payloads without decoding them', async () => {
    const big = new Uint8Array(MAX_FRAME_BYTES + 1);
    await expectRefusedOverHttps('anyone', big, 'oversized', 413, /over the limit of 8192 bytes/);
    const before = await refused('oversized', 'mqtt');
    expect((await mqtt.send('anyone', big)).reply).toMatchObject({ status: 'error', error: { code: 'oversized' }, data: { device_id: 'anyone' } });
    expect(await refused('oversized', 'mqtt')).toBe(before + 1);
  });

  it('refuses malformed frames, naming the part that is wrong', async () => {
    await expectRefusedOverHttps('x', new TextEncoder().encode('{"json":"is not a frame"}'), 'malformed', 400, /magic: not a ChargeX batch/);
    const monitor = await registered('malformed-1');
    const { frame } = nextFrame(monitor);
    await expectRefusedOverHttps('malformed-1', frame.subarray(0, frame.length - 1), 'malformed', 400, /signature: expected 64 signature bytes after the batch, found 63/);
    await expectRefusedOverHttps('malformed-1', frame.subarray(0, 30), 'malformed', 400, /truncated/);
    const wrongVersion = Uint8Array.from(frame);
    wrongVersion[2] = 9;
    await expectRefusedOverHttps('malformed-1', wrongVersion, 'malformed', 400, /unsupported encoding version 9/);
    // Over MQTT the topic must name the device that signed the frame.
    const before = await refused('malformed', 'mqtt');
    expect((await mqtt.send('someone-else', nextFrame(monitor).frame)).reply).toMatchObject({
      status: 'error',
      error: { code: 'malformed', message: expect.stringMatching(/topic of device someone-else but signed by device malformed-1/) },
    });
    expect(await refused('malformed', 'mqtt')).toBe(before + 1);
  });

  it('refuses out-of-range values and skewed clocks', async () => {
    const monitor = await registered('range-1');
    const reading: Reading = { timestampMs: Date.now() - 1_000, cellsMv: [3_300, 6_100], currentCa: 120, temperaturesDc: [250], socPermille: 500 };
    const tooHigh = signFrame(monitor.key, { deviceId: 'range-1', sequence: 1n, sentAtMs: Date.now(), readings: [reading] });
    await expectRefusedOverHttps('range-1', tooHigh, 'out_of_range', 422, /readings\[0\]\.cells_mv\[1\] = 6100 is outside 0\.\.5000/);
    const cold = signFrame(monitor.key, { deviceId: 'range-1', sequence: 2n, sentAtMs: Date.now(), readings: [{ ...reading, cellsMv: [3_300], temperaturesDc: [-600] }] });
    await expectRefusedOverHttps('range-1', cold, 'out_of_range', 422, /temperatures_dc\[0\] = -600/);

    monitor.inject('clock_skew');
    await expectRefusedOverHttps('range-1', nextFrame(monitor).frame, 'clock_skew', 422, /ms ahead of the bridge clock/);
  });

  it('refuses unknown and suspended devices', async () => {
    const stranger = new VirtualMonitor({ deviceId: 'not-registered', seed: 7 });
    await expectRefusedOverHttps('not-registered', nextFrame(stranger).frame, 'unknown_device', 401, /not in telemetry's registry/);

    const monitor = await registered('suspended-1');
    expect((await https.send('suspended-1', nextFrame(monitor).frame)).reply.status).toBe('ok');
    const suspended = await stack.telemetry().set_device_status('suspended-1', { Suspended: null });
    expect('Ok' in suspended).toBe(true);
    await eventually(async () => {
      const { reply } = await https.send('suspended-1', nextFrame(monitor).frame);
      return reply.status === 'error' && reply.error.code === 'device_inactive';
    }, 10_000, 'the suspension to reach the bridge');
  });

  it('relays everything it accepted and nothing it refused', async () => {
    await eventually(async () => (await metric(ops, 'chargex_bridge_spool_depth_batches')) === 0, 30_000, 'an empty spool');
    const accepted = await metric(ops, 'chargex_bridge_batches_accepted_total');
    const stored = await metric(ops, 'chargex_bridge_batches_relayed_total', { outcome: 'stored' });
    // Batches of the suspended device accepted before the suspension reached the bridge are telemetry's to refuse.
    const refusedByTelemetry = await metric(ops, 'chargex_bridge_batches_relayed_total', { outcome: 'refused' });
    expect(stored + refusedByTelemetry).toBe(accepted);
    expect(stored).toBeGreaterThanOrEqual(2);
    expect(await stack.count('batches_stored')).toBe(BigInt(stored));
  });

  it('pushes back when the spool is full: 503 with Retry-After over HTTPS, a spool_full nack over MQTT', async () => {
    // A relay that waits a minute before its first call lets the spool fill up.
    const { bridge: slow } = await startTestBridge(stack, { spool: { maxBytes: 4_096 }, relay: { lingerMs: 60_000 } });
    const sender = new HttpsSender(slow.endpoints.ingestUrl!, slow.endpoints.tlsCertificate);
    const mqttSender = await MqttSender.connect(slow.endpoints.mqttUrl!);
    const slowOps = slow.endpoints.opsUrl;
    try {
      await eventually(async () => {
        const readiness = await httpGet(`${slowOps}/readyz`);
        if (readiness.status !== 200) throw new Error(readiness.body);
        return true;
      }, 30_000, 'a ready bridge');
      const monitor = await registered('pressure-1');
      let last;
      for (let i = 0; i < 40; i++) {
        last = await sender.send('pressure-1', nextFrame(monitor, 10).frame);
        if (last.status !== 200) break;
      }
      expect(last?.status).toBe(503);
      expect(last?.retryAfter).toBe('1');
      expect(last?.reply).toMatchObject({ status: 'error', error: { code: 'spool_full', message: expect.stringMatching(/unrelayed batches/) } });
      expect(await metric(slowOps, 'chargex_bridge_batches_refused_total', { transport: 'http', reason: 'spool_full' })).toBe(1);

      const { reply } = await mqttSender.send('pressure-1', nextFrame(monitor, 10).frame);
      expect(reply).toMatchObject({ status: 'error', error: { code: 'spool_full' }, data: { device_id: 'pressure-1' } });
      expect(await metric(slowOps, 'chargex_bridge_batches_refused_total', { transport: 'mqtt', reason: 'spool_full' })).toBe(1);

      const readiness = await httpGet(`${slowOps}/readyz`);
      expect(readiness.status).toBe(503);
      expect(readiness.body).toContain('"name":"spool","ok":false');
    } finally {
      await sender.close();
      await mqttSender.close();
      await slow.stop();
    }
  });
});
