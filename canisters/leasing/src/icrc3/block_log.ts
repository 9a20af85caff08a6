import { encodeLeb128, hashValue, IndexedBlock, KeyValueStore, OrderedKey, rawCodec, StableCell, Value } from '@chargex/common';
import { certifiedDataSet, dataCertificate, StableBTreeMap } from 'azle';

import { LEASING_MEMORY } from '../memory';
import { encodeTreeCbor, fork, HashTree, labeledLeaf, treeRootHash } from './hash_tree';
import { blob, map, nat, text } from './value';
import { valueCodec } from './value_codec';

/** A certificate of the newest block: the IC's signature over certified data and the tree it is the root of. */
export interface TipCertificate {
  certificate: Uint8Array;
  hash_tree: Uint8Array;
}

/**
 * The ICRC-3 block log of the NFT collection: every ICRC-7/37 transaction appended as a block that carries the
 * hash of the block before it (`phash`), with the newest block's index and hash certified (certified data), so a
 * client can check any block it downloads by queries. Blocks are never removed or archived.
 */
export class BlockLog {
  private readonly blocks = new StableBTreeMap<bigint, Value>(LEASING_MEMORY.blocks, OrderedKey.u64, valueCodec);
  private readonly tipHash: StableCell<Uint8Array>;

  constructor(meta: KeyValueStore<string, Uint8Array>) {
    this.tipHash = new StableCell(meta, 'leasing.icrc3.tip_hash', rawCodec);
  }

  /** Appends a block of type `btype` recording `tx` at `now`; returns its index (the transaction index). */
  append(btype: string, tx: Value, now: bigint): bigint {
    const index = this.length();
    const parent = this.tipHash.get();
    const block = map([
      ['btype', text(btype)],
      ['phash', parent === undefined ? undefined : blob(parent)],
      ['ts', nat(now)],
      ['tx', tx]
    ]);
    this.blocks.insert(index, block);
    this.tipHash.set(hashValue(block));
    this.certify();
    return index;
  }

  /** Number of blocks in the log; the next block gets this index. */
  length(): bigint {
    return BigInt(this.blocks.len());
  }

  /** The block at `index`, if there is one. */
  get(index: bigint): Value | undefined {
    return this.blocks.get(index);
  }

  /** Sets certified data to the root of the tip tree; call after every append and from @postUpgrade. */
  certify(): void {
    const tree = this.tipTree();
    if (tree !== undefined) {
      certifiedDataSet(treeRootHash(tree));
    }
  }

  /** The tip certificate, or none before the first block and in replicated (update-mode) queries. */
  tipCertificate(): [] | [TipCertificate] {
    const tree = this.tipTree();
    const certificate = tree === undefined ? undefined : dataCertificate();
    if (tree === undefined || certificate === undefined) {
      return [];
    }
    return [{ certificate, hash_tree: encodeTreeCbor(tree) }];
  }

  /** Blocks `start` to `start + length - 1` that exist, at most `budget` of them. */
  range(start: bigint, length: bigint, budget: number): IndexedBlock[] {
    const end = minBigint(start + minBigint(length, BigInt(budget)), this.length());
    const found: IndexedBlock[] = [];
    for (let id = start; id < end; id++) {
      const block = this.blocks.get(id);
      if (block === undefined) {
        throw new Error(`block log broken: block ${id} of ${this.length()} is missing`);
      }
      found.push({ id, block });
    }
    return found;
  }

  private tipTree(): HashTree | undefined {
    const hash = this.tipHash.get();
    if (hash === undefined) {
      return undefined;
    }
    return fork(labeledLeaf('last_block_hash', hash), labeledLeaf('last_block_index', encodeLeb128(this.length() - 1n)));
  }
}

function minBigint(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
