import { concatBytes } from '../bytes';
import { sha256 } from '../crypto/sha256';

/**
 * Binary Merkle trees with domain-separated hashing (as in RFC 6962), so a leaf can never pass for an inner node:
 *
 *   leaf  = SHA-256(0x00 || data)
 *   node  = SHA-256(0x01 || left || right)
 *
 * Leaves are paired left to right, level by level; an odd node at the end of a level is carried up unchanged.
 * A proof lists, from the leaf up, the sibling at each level that has one.
 */

const LEAF_TAG = Uint8Array.of(0);
const NODE_TAG = Uint8Array.of(1);

/** One step of a proof: the sibling hash and whether it sits to the left. */
export interface ProofStep {
  sibling: Uint8Array;
  sibling_on_left: boolean;
}

/** Hash of a leaf's data. */
export function leafHash(data: Uint8Array): Uint8Array {
  return sha256(concatBytes([LEAF_TAG, data]));
}

/** Hash of an inner node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(concatBytes([NODE_TAG, left, right]));
}

/** The root over leaf hashes (at least one). */
export function merkleRoot(leaves: Uint8Array[]): Uint8Array {
  let level = leaves;
  while (level.length > 1) {
    level = parentLevel(level);
  }
  const root = level[0];
  if (root === undefined) {
    throw new Error('a Merkle tree needs at least one leaf');
  }
  return root;
}

/** The proof that leaf `index` is part of the tree over `leaves`. */
export function merkleProof(leaves: Uint8Array[], index: number): ProofStep[] {
  const steps: ProofStep[] = [];
  let level = leaves;
  let position = index;
  while (level.length > 1) {
    const siblingPosition = position % 2 === 0 ? position + 1 : position - 1;
    const sibling = level[siblingPosition];
    if (sibling !== undefined) {
      steps.push({ sibling, sibling_on_left: siblingPosition < position });
    }
    level = parentLevel(level);
    position = Math.floor(position / 2);
  }
  return steps;
}

function parentLevel(level: Uint8Array[]): Uint8Array[] {
  const parents: Uint8Array[] = [];
  for (let i = 0; i < level.length; i += 2) {
    const left = level[i] as Uint8Array;
    const right = level[i + 1];
    parents.push(right === undefined ? left : nodeHash(left, right));
  }
  return parents;
}

/** Folds a proof from a leaf hash up to the root it proves. */
export function foldProof(leaf: Uint8Array, steps: readonly ProofStep[]): Uint8Array {
  return steps.reduce((node, step) => (step.sibling_on_left ? nodeHash(step.sibling, node) : nodeHash(node, step.sibling)), leaf);
}
