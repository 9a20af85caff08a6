import { describe, expect, it } from 'vitest';
import { canonicalReading, checkReadingProof, leafHash, merkleProof, merkleRoot, ringSlotLeaf, foldProof, nodeHash, type CanonicalReadingFields } from '../src/anchoring/index';

const reading = (index: number): CanonicalReadingFields => ({
  index,
  timestampMs: 1_700_000_000_000 + index * 1000,
  cellsMv: [3301, 3302, 3299],
  currentCa: -1250,
  temperaturesDc: [251, 249],
  socPermille: 800 - index,
  gps: { latE7: 473_769_000, lonE7: 85_417_000 },
});

/** A batch of readings, its proof for `index`, and a two-slot ring certifying its root. */
function proofOf(index: number) {
  const readings = [0, 1, 2, 3, 4].map(reading);
  const leaves = readings.map((each) => leafHash(canonicalReading('pack-1', 7n, each)));
  const batchRoot = merkleRoot(leaves);
  const otherSlot = leafHash(new Uint8Array(40));
  const slot = ringSlotLeaf(9n, batchRoot);
  return {
    deviceId: 'pack-1',
    sequence: 7n,
    batchNumber: 9n,
    reading: readings[index]!,
    batchPath: merkleProof(leaves, index),
    batchRoot,
    certified: { path: [{ sibling: otherSlot, sibling_on_left: false }], certifiedRoot: nodeHash(slot, otherSlot) },
  };
}

describe('reading proofs as clients check them', () => {
  it('accepts every reading of a batch up to the certified root, including the odd one carried up', () => {
    for (const index of [0, 3, 4]) {
      const proof = proofOf(index);
      expect(foldProof(leafHash(canonicalReading('pack-1', 7n, proof.reading)), proof.batchPath)).toEqual(proof.batchRoot);
      expect(checkReadingProof(proof)).toEqual({ valid: true, certifiedRoot: proof.certified.certifiedRoot });
    }
  });

  it('refuses a changed reading, another device, another sequence, a wrong batch number or a wrong root', () => {
    const proof = proofOf(2);
    expect(checkReadingProof({ ...proof, reading: { ...proof.reading, socPermille: 999 } }).valid).toBe(false);
    expect(checkReadingProof({ ...proof, deviceId: 'pack-2' }).valid).toBe(false);
    expect(checkReadingProof({ ...proof, sequence: 8n }).valid).toBe(false);
    expect(checkReadingProof({ ...proof, batchNumber: 10n })).toEqual({ valid: false, reason: 'the batch root does not lead to the certified root' });
    expect(checkReadingProof({ ...proof, certified: { ...proof.certified, certifiedRoot: new Uint8Array(32) } }).valid).toBe(false);
  });

  it('checks up to the batch root alone once the batch has left the certified ring', () => {
    const { certified: _certified, ...proof } = proofOf(1);
    expect(checkReadingProof(proof)).toEqual({ valid: true });
  });
});
