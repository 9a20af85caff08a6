/**
 * The device simulator's command line.
 *   keys  prints the fleet's device ids and public keys (register them in telemetry with register_device)
 *   run   streams the fleet to a bridge in real time until interrupted, printing a summary line every 10 s
 * The fleet is the same for the same --devices/--seed/--prefix, so `keys` and `run` agree.
 *   npm run simulate -w @chargex/bridge -- keys --devices 5
 *   npm run simulate -w @chargex/bridge -- run --devices 5 --https https://127.0.0.1:8443 --ca .bridge-data/tls-cert.pem
 *   npm run simulate -w @chargex/bridge -- run --devices 5 --mqtt mqtt://127.0.0.1:1883 --fault sim-2=overheating
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FAULTS, type Fault } from './faults.js';
import { Fleet } from './fleet.js';
import { HttpsSender } from './https-sender.js';
import { MqttSender } from './mqtt-sender.js';
import type { Sender } from './sender.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    devices: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    prefix: { type: 'string', default: 'sim' },
    algorithm: { type: 'string', default: 'mixed' },
    'batch-size': { type: 'string', default: '10' },
    'interval-ms': { type: 'string', default: '1000' },
    https: { type: 'string' },
    ca: { type: 'string' },
    mqtt: { type: 'string' },
    fault: { type: 'string', multiple: true, default: [] },
  },
});

const fleet = new Fleet({
  devices: Number(values.devices),
  seed: Number(values.seed),
  prefix: values.prefix,
  algorithm: values.algorithm as 'ed25519' | 'secp256k1' | 'mixed',
  batchSize: Number(values['batch-size']),
});

if (positionals[0] === 'keys') {
  for (const monitor of fleet.monitors) {
    const key = monitor.publicKey;
    console.log(JSON.stringify({ device_id: monitor.deviceId, algorithm: key.algorithm, public_key_hex: Buffer.from(key.bytes).toString('hex') }));
  }
} else if (positionals[0] === 'run') {
  await run();
} else {
  console.error('usage: simulate keys|run [--devices N] [--seed S] [--https URL --ca PEM | --mqtt URL] [--fault DEVICE=FAULT]...');
  process.exit(2);
}

async function run(): Promise<void> {
  for (const spec of values.fault) {
    const [deviceId, fault] = spec.split('=');
    const monitor = fleet.monitors.find((m) => m.deviceId === deviceId);
    if (!monitor || !FAULTS.includes(fault as Fault)) throw new Error(`--fault ${spec}: expected DEVICE=${FAULTS.join('|')}`);
    monitor.inject(fault as Fault);
  }
  const sender: Sender = values.mqtt
    ? await MqttSender.connect(values.mqtt)
    : new HttpsSender(values.https ?? 'https://127.0.0.1:8443', values.ca ? readFileSync(values.ca, 'utf8') : undefined);
  const intervalMs = Number(values['interval-ms']);
  let stopping = false;
  process.on('SIGINT', () => (stopping = true));
  let lastReport = Date.now();
  while (!stopping) {
    const started = Date.now();
    fleet.sample(started, intervalMs / 1000);
    await fleet.deliver(sender);
    if (Date.now() - lastReport >= 10_000) {
      lastReport = Date.now();
      const logs = [...fleet.logs.values()];
      console.log(JSON.stringify({
        acknowledged: logs.reduce((sum, log) => sum + log.acknowledged.length, 0),
        refused: logs.reduce((sum, log) => sum + log.refused.length, 0),
        undelivered: fleet.undelivered,
      }));
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - started))));
  }
  await sender.close();
}
