import { CERTIFIED_ROOTS, nodeHash, OrderedKey, ProofStep, rawCodec, RING_ENTRY_BYTES, ringSlotLeaf } from '@chargex/common';
import { certifiedDataSet, StableBTreeMap } from 'azle';

import { TELEMETRY_MEMORY } from '../memory';

export { CERTIFIED_ROOTS };

const HASH_BYTES = 32;
const ENTRY_BYTES = RING_ENTRY_BYTES;
const ENTRIES_BYTES = CERTIFIED_ROOTS * ENTRY_BYTES;
const EMPTY_HASH = new Uint8Array(HASH_BYTES);

/** A certified batch root and the batch it belongs to. */
export interface RootEntry {
  batchNumber: bigint;
  root: Uint8Array;
}

/**
 * The newest batch roots in a ring of CERTIFIED_ROOTS slots (batch n in slot n mod 64) with a complete Merkle
 * tree over the slots; the tree's root is the canister's certified data. A slot's leaf is
 * leafHash(u64 batch number big-endian || batch root), an empty slot's leaf 32 zero bytes. Ring and tree are one
 * stable value (6.5 KiB) alone in its map, so that writing it once per call does not also rewrite other values
 * sharing its B-tree node; a batch costs six hashes up the tree.
 */
export class CertifiedRoots {
  private readonly ring = new StableBTreeMap<number, Uint8Array>(TELEMETRY_MEMORY.certifiedRoots, OrderedKey.u8, rawCodec);
  private state: Uint8Array | undefined;

  /** Puts a batch root into its slot and updates the tree path above it (call `commit` to certify). */
  add(batchNumber: bigint, root: Uint8Array): void {
    const state = this.load();
    const slot = Number(batchNumber % BigInt(CERTIFIED_ROOTS));
    const entry = state.subarray(slot * ENTRY_BYTES, (slot + 1) * ENTRY_BYTES);
    new DataView(entry.buffer, entry.byteOffset).setBigUint64(0, batchNumber);
    entry.set(root, 8);
    let node = CERTIFIED_ROOTS + slot;
    this.setNode(node, ringSlotLeaf(batchNumber, root));
    for (node = Math.floor(node / 2); node >= 1; node = Math.floor(node / 2)) {
      this.setNode(node, nodeHash(this.node(2 * node), this.node(2 * node + 1)));
    }
  }

  /** Stores the ring and certifies its tree root. */
  commit(): void {
    if (this.state !== undefined) {
      this.ring.insert(0, this.state);
      certifiedDataSet(this.certifiedRoot());
      this.state = undefined;
    }
  }

  /** Certifies the stored tree root again (certified data does not survive every kind of code change). */
  recertify(): void {
    const stored = this.ring.get(0);
    if (stored !== undefined) {
      certifiedDataSet(stored.slice(ENTRIES_BYTES + HASH_BYTES, ENTRIES_BYTES + 2 * HASH_BYTES));
    }
  }

  /** The root of the tree over the slots: the certified data. */
  certifiedRoot(): Uint8Array {
    return this.node(1).slice();
  }

  /** The occupied slots, oldest batch first. */
  entries(): RootEntry[] {
    const state = this.load();
    const entries: RootEntry[] = [];
    for (let slot = 0; slot < CERTIFIED_ROOTS; slot++) {
      const entry = state.subarray(slot * ENTRY_BYTES, (slot + 1) * ENTRY_BYTES);
      const batchNumber = new DataView(entry.buffer, entry.byteOffset).getBigUint64(0);
      if (batchNumber > 0n) {
        entries.push({ batchNumber, root: entry.slice(8) });
      }
    }
    return entries.sort((a, b) => (a.batchNumber < b.batchNumber ? -1 : 1));
  }

  /** The path from batch `batchNumber`'s slot leaf to the certified root, if the batch is still in the ring. */
  proof(batchNumber: bigint): ProofStep[] | undefined {
    const slot = Number(batchNumber % BigInt(CERTIFIED_ROOTS));
    const entry = this.load().subarray(slot * ENTRY_BYTES, (slot + 1) * ENTRY_BYTES);
    if (new DataView(entry.buffer, entry.byteOffset).getBigUint64(0) !== batchNumber) {
      return undefined;
    }
    const steps: ProofStep[] = [];
    for (let node = CERTIFIED_ROOTS + slot; node > 1; node = Math.floor(node / 2)) {
      const sibling = node % 2 === 0 ? node + 1 : node - 1;
      steps.push({ sibling: this.node(sibling).slice(), sibling_on_left: sibling < node });
    }
    return steps;
  }

  /** Tree nodes are stored heap-style after the ring: node 1 is the root, nodes 64..127 the slot leaves. */
  private node(index: number): Uint8Array {
    const offset = ENTRIES_BYTES + index * HASH_BYTES;
    return this.load().subarray(offset, offset + HASH_BYTES);
  }

  private setNode(index: number, hash: Uint8Array): void {
    this.load().set(hash, ENTRIES_BYTES + index * HASH_BYTES);
  }

  private load(): Uint8Array {
    this.state ??= this.ring.get(0)?.slice() ?? emptyState();
    return this.state;
  }
}

/** An empty ring: every slot leaf is the zero hash and the nodes above are hashed from them. */
function emptyState(): Uint8Array {
  const state = new Uint8Array(ENTRIES_BYTES + 2 * CERTIFIED_ROOTS * HASH_BYTES);
  const nodeAt = (index: number) => state.subarray(ENTRIES_BYTES + index * HASH_BYTES, ENTRIES_BYTES + (index + 1) * HASH_BYTES);
  for (let index = CERTIFIED_ROOTS; index < 2 * CERTIFIED_ROOTS; index++) {
    nodeAt(index).set(EMPTY_HASH);
  }
  for (let index = CERTIFIED_ROOTS - 1; index >= 1; index--) {
    nodeAt(index).set(nodeHash(nodeAt(2 * index), nodeAt(2 * index + 1)));
  }
  return state;
}
