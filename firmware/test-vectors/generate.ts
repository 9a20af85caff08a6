/**
 * Writes the protocol test vectors (*.json here) from the bridge's reference encoder and signer. The firmware's
 * encoder is checked against them on the host (test/bridge/firmware-encoder.test.ts) and the bridge's decoder and
 * verifier by test/bridge/protocol-vectors.test.ts. Run after a deliberate change of the encoding:
 *   npx tsx firmware/test-vectors/generate.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeBatch, publicKeyOf, signBatch, signingMessage, type Batch, type DeviceSecretKey } from '@chargex/bridge';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const seed = (byte: number) => new Uint8Array(32).fill(byte);
const T0 = Date.UTC(2025, 2, 1, 12, 0, 0);

interface Case {
  name: string;
  description: string;
  key: DeviceSecretKey;
  batch: Batch;
}

const cases: Case[] = [
  {
    name: 'minimal',
    description: 'One reading of one cell and one probe, no GPS fix, Ed25519',
    key: { algorithm: 'ed25519', secret: seed(1) },
    batch: { deviceId: 'm', sequence: 1n, sentAtMs: T0, readings: [{ timestampMs: T0, cellsMv: [3300], currentCa: 0, temperaturesDc: [215], socPermille: 500 }] },
  },
  {
    name: 'lifepo4-16s',
    description: 'Three readings of a 16S LiFePO4 pack while discharging (negative current), two probes, GPS fixes, Ed25519',
    key: { algorithm: 'ed25519', secret: seed(2) },
    batch: {
      deviceId: 'esp32-monitor-0042',
      sequence: 1_234n,
      sentAtMs: T0 + 30_000,
      readings: [0, 1, 2].map((i) => ({
        timestampMs: T0 + i * 10_000,
        cellsMv: Array.from({ length: 16 }, (_, cell) => 3_280 + cell * 2 - i),
        currentCa: -2_537 - i * 11,
        temperaturesDc: [243 + i, 228],
        socPermille: 612 - i,
        gps: { latE7: 473_769_000 + i * 37, lonE7: 85_417_000 - i * 41 },
      })),
    },
  },
  {
    name: 'secp256k1-cold',
    description: 'Below-zero temperatures, a southern and western GPS fix, charging current, signed with secp256k1 (RFC 6979)',
    key: { algorithm: 'secp256k1', secret: seed(3) },
    batch: {
      deviceId: 'cold.store:7',
      sequence: 9_007_199_254_740_993n,
      sentAtMs: T0,
      readings: [{ timestampMs: T0 - 1_000, cellsMv: [3_312, 3_309, 3_315, 3_311], currentCa: 1_500, temperaturesDc: [-152, -149, -160], socPermille: 87, gps: { latE7: -338_688_000, lonE7: -704_253_000 } }],
    },
  },
  {
    name: 'limits',
    description: 'The largest counts the encoding allows (64-character id, 32 cells, 16 probes) with extreme field values',
    key: { algorithm: 'ed25519', secret: seed(4) },
    batch: {
      deviceId: 'A'.repeat(30) + '0123456789._:-' + 'z'.repeat(20),
      sequence: (1n << 64n) - 1n,
      sentAtMs: T0,
      readings: [
        { timestampMs: T0, cellsMv: Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 0 : 65_535)), currentCa: -2_147_483_648, temperaturesDc: Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? -32_768 : 32_767)), socPermille: 1_000, gps: { latE7: -900_000_000, lonE7: 1_800_000_000 } },
        { timestampMs: T0 + 1, cellsMv: [1], currentCa: 2_147_483_647, temperaturesDc: [0], socPermille: 0 },
      ],
    },
  },
];

const dir = fileURLToPath(new URL('.', import.meta.url));
for (const { name, description, key, batch } of cases) {
  const canonical = encodeBatch(batch);
  const signature = signBatch(key, canonical);
  const vector = {
    description,
    key: { algorithm: key.algorithm, secret_hex: hex(key.secret), public_key_hex: hex(publicKeyOf(key).bytes) },
    batch: {
      device_id: batch.deviceId,
      sequence: batch.sequence.toString(),
      sent_at_ms: String(batch.sentAtMs),
      readings: batch.readings.map((r) => ({
        timestamp_ms: String(r.timestampMs),
        cells_mv: r.cellsMv,
        current_ca: r.currentCa,
        temperatures_dc: r.temperaturesDc,
        soc_permille: r.socPermille,
        gps: r.gps ? { lat_e7: r.gps.latE7, lon_e7: r.gps.lonE7 } : null,
      })),
    },
    canonical_hex: hex(canonical),
    signing_message_hex: hex(signingMessage(canonical)),
    signature_hex: hex(signature),
  };
  writeFileSync(`${dir}/${name}.json`, `${JSON.stringify(vector, null, 2)}\n`);
}
