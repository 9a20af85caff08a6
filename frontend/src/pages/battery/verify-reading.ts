import { Certificate, lookupResultToBuffer } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { checkReadingProof } from '@chargex/common/anchoring';
import type { Actors } from '../../canisters/actors';
import type { ReadingProof, StoredReading } from '../../canisters/types';
import { canisterId } from '../../environment';

export type ReadingVerification =
  | { state: 'verified'; certifiedRoot: Uint8Array }
  /** The reading is in its batch, but the batch has left the certified ring (only the newest 64 are certified). */
  | { state: 'batch-only' }
  | { state: 'failed'; reason: string };

/**
 * Checks, in the browser, that a reading is what telemetry certified: its bytes hash into its batch's Merkle root,
 * the batch root into the certified ring's root, and that root is the telemetry canister's certified data in a
 * certificate signed by the subnet (checked against the root key with BLS by the agent's Certificate).
 */
export async function verifyReading(actors: Actors, reading: StoredReading): Promise<ReadingVerification> {
  const result = await actors.telemetry.reading_proof(reading.batch_number, reading.index);
  if ('Err' in result) return { state: 'failed', reason: 'telemetry has no proof for this reading any more' };
  const proof: ReadingProof = result.Ok;
  const certified = proof.certified[0];
  const check = checkReadingProof({
    deviceId: proof.device_id,
    sequence: proof.sequence,
    batchNumber: reading.batch_number,
    reading: {
      index: proof.reading.index,
      timestampMs: proof.reading.timestamp_ms,
      cellsMv: proof.reading.cell_voltages_mv,
      currentCa: proof.reading.pack_current_ca,
      temperaturesDc: proof.reading.temperatures_dc,
      socPermille: proof.reading.soc_permille,
      gps: proof.reading.gps[0] && { latE7: proof.reading.gps[0].lat_e7, lonE7: proof.reading.gps[0].lon_e7 },
    },
    batchPath: proof.batch_path,
    batchRoot: proof.batch_root,
    certified: certified && { path: certified.path, certifiedRoot: certified.certified_root },
  });
  if (!check.valid) return { state: 'failed', reason: check.reason };
  if (!check.certifiedRoot) return { state: 'batch-only' };
  if (!sameReading(proof.reading, reading)) return { state: 'failed', reason: 'the proof is for a different reading' };
  const certificateBytes = proof.certificate[0];
  if (!certificateBytes) return { state: 'failed', reason: 'the answer carried no certificate' };
  const telemetryId = Principal.fromText(canisterId('telemetry'));
  let certificate: Certificate;
  try {
    certificate = await Certificate.create({ certificate: certificateBytes, rootKey: actors.rootKey, canisterId: telemetryId });
  } catch {
    return { state: 'failed', reason: 'the certificate is not signed by the network' };
  }
  const data = lookupResultToBuffer(certificate.lookup_path(['canister', telemetryId.toUint8Array(), 'certified_data']));
  if (!data || !equal(data, check.certifiedRoot)) return { state: 'failed', reason: 'the certified data does not match the proof' };
  return { state: 'verified', certifiedRoot: check.certifiedRoot };
}

function sameReading(a: StoredReading, b: StoredReading): boolean {
  return a.timestamp_ms === b.timestamp_ms && a.index === b.index && a.soc_permille === b.soc_permille && a.pack_current_ca === b.pack_current_ca;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
