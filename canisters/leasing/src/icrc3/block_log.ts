import {
  BlockRange,
  blockIndicesToServe,
  CBOR_SELF_DESCRIBE_TAG,
  concatBytes,
  DataCertificate,
  encodeTree,
  hashValue,
  HashTree,
  IndexedBlock,
  KeyValueStore,
  OrderedKey,
  rawCodec,
  StableCell,
  tipTree,
  treeDigest,
  Value
} from '@chargex/common';
import { certifiedDataSet, dataCertificate, StableBTreeMap } from 'azle';

import { LEASING_MEMORY } from '../memory';
import { blob, map, nat, text } from './value';
import { valueCodec } from './value_codec';

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

  /** Sets certified data to the root of the tip tree; call after every append and from @postUpgrade. */
  certify(): void {
    const tree = this.tipTree();
    if (tree !== undefined) {
      certifiedDataSet(treeDigest(tree));
    }
  }

  /** The tip certificate, or none before the first block and in replicated (update-mode) queries. */
  tipCertificate(): [] | [DataCertificate] {
    const tree = this.tipTree();
    const certificate = tree === undefined ? undefined : dataCertificate();
    if (tree === undefined || certificate === undefined) {
      return [];
    }
    return [{ certificate, hash_tree: concatBytes([CBOR_SELF_DESCRIBE_TAG, encodeTree(tree)]) }];
  }

  /** The blocks of `ranges` that exist, in request order, at most `limit` in all. */
  blocksIn(ranges: readonly BlockRange[], limit: number): IndexedBlock[] {
    return blockIndicesToServe(ranges, this.length(), limit).map((id) => {
      const block = this.blocks.get(id);
      if (block === undefined) {
        throw new Error(`block log broken: block ${id} of ${this.length()} is missing`);
      }
      return { id, block };
    });
  }

  /** The certified tree; none before the first block (no tip certificate then, not one of an empty tree). */
  private tipTree(): HashTree | undefined {
    const hash = this.tipHash.get();
    return hash === undefined ? undefined : tipTree({ index: this.length() - 1n, hash });
  }
}
