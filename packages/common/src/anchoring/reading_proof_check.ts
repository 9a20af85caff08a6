import { canonicalReading, type CanonicalReadingFields } from './canonical_reading';
import { ringSlotLeaf } from './certified_ring';
import { foldProof, leafHash, type ProofStep } from './merkle';

/** What a reading proof from telemetry holds, in the fields a checker needs. */
export interface ReadingProofParts {
  deviceId: string;
  sequence: bigint;
  batchNumber: bigint;
  reading: CanonicalReadingFields;
  batchPath: readonly ProofStep[];
  batchRoot: Uint8Array;
  /** The path from the batch's ring slot to the certified root, while the batch is among the newest certified. */
  certified?: { path: readonly ProofStep[]; certifiedRoot: Uint8Array };
}

export type ReadingProofCheck =
  | { valid: true; certifiedRoot?: Uint8Array }
  | { valid: false; reason: string };

/**
 * Checks a reading proof up to the certified root: the reading's canonical bytes hash into a leaf that folds
 * along `batchPath` into `batchRoot`, and the batch's ring slot folds along the certified path into the
 * certified root. What is left for the caller is to check that root against the subnet's certificate.
 */
export function checkReadingProof(proof: ReadingProofParts): ReadingProofCheck {
  const leaf = leafHash(canonicalReading(proof.deviceId, proof.sequence, proof.reading));
  if (!equal(foldProof(leaf, proof.batchPath), proof.batchRoot)) return { valid: false, reason: 'the reading does not hash to its batch root' };
  if (!proof.certified) return { valid: true };
  const root = foldProof(ringSlotLeaf(proof.batchNumber, proof.batchRoot), proof.certified.path);
  if (!equal(root, proof.certified.certifiedRoot)) return { valid: false, reason: 'the batch root does not lead to the certified root' };
  return { valid: true, certifiedRoot: root };
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
