/** The protocol test vectors of firmware/test-vectors, read into bridge types. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Batch, DeviceSecretKey } from '@chargex/bridge';

export const VECTORS_DIR = fileURLToPath(new URL('../../../firmware/test-vectors/', import.meta.url));

export interface VectorFile {
  description: string;
  key: { algorithm: 'ed25519' | 'secp256k1'; secret_hex: string; public_key_hex: string };
  batch: {
    device_id: string;
    sequence: string;
    sent_at_ms: string;
    readings: Array<{
      timestamp_ms: string;
      cells_mv: number[];
      current_ca: number;
      temperatures_dc: number[];
      soc_permille: number;
      gps: { lat_e7: number; lon_e7: number } | null;
    }>;
  };
  canonical_hex: string;
  signing_message_hex: string;
  signature_hex: string;
}

export interface Vector {
  name: string;
  file: VectorFile;
  batch: Batch;
  key: DeviceSecretKey;
}

export function loadVectors(): Vector[] {
  return readdirSync(VECTORS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = JSON.parse(readFileSync(VECTORS_DIR + name, 'utf8')) as VectorFile;
      const batch: Batch = {
        deviceId: file.batch.device_id,
        sequence: BigInt(file.batch.sequence),
        sentAtMs: Number(file.batch.sent_at_ms),
        readings: file.batch.readings.map((r) => ({
          timestampMs: Number(r.timestamp_ms),
          cellsMv: r.cells_mv,
          currentCa: r.current_ca,
          temperaturesDc: r.temperatures_dc,
          socPermille: r.soc_permille,
          ...(r.gps ? { gps: { latE7: r.gps.lat_e7, lonE7: r.gps.lon_e7 } } : {}),
        })),
      };
      return { name: name.replace(/\.json$/, ''), file, batch, key: { algorithm: file.key.algorithm, secret: Buffer.from(file.key.secret_hex, 'hex') } };
    });
}
