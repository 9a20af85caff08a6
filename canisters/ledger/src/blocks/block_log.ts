import { hashValue, KeyValueStore, Tip } from '@chargex/common';

import { blockHash, blockValue, LedgerBlock } from './block';

/**
 * The append-only block log, keyed by block index (u64, so keys sort in index order). The tip is not stored: it
 * is the last block, whose hash is computed once per heap lifetime (after install or upgrade) and then kept, so
 * an append costs one map write.
 */
export class BlockLog {
  private tipCache: Tip | undefined;
  private tipLoaded = false;

  constructor(private readonly blocks: KeyValueStore<bigint, LedgerBlock>) {}

  /** Number of blocks. */
  length(): bigint {
    return BigInt(this.blocks.len());
  }

  /** The newest block's index and hash (undefined while the log is empty). */
  tip(): Tip | undefined {
    if (!this.tipLoaded) {
      const length = this.length();
      const last = length === 0n ? undefined : this.blocks.get(length - 1n);
      this.tipCache = last === undefined ? undefined : { index: length - 1n, hash: hashValue(blockValue(last)) };
      this.tipLoaded = true;
    }
    return this.tipCache;
  }

  /**
   * Appends a block after the tip, filling in its phash; `txHash` is the hash of its transaction, computed once
   * by the caller for deduplication too. Returns the new tip.
   */
  append(block: Omit<LedgerBlock, 'phash'>, txHash: Uint8Array): Tip {
    const parent = this.tip();
    const linked: LedgerBlock = parent === undefined ? { ...block } : { ...block, phash: parent.hash };
    const tip = { index: parent === undefined ? 0n : parent.index + 1n, hash: blockHash(linked, txHash) };
    this.blocks.insert(tip.index, linked);
    this.tipCache = tip;
    return tip;
  }

  /** The block at `index`, if there is one. */
  get(index: bigint): LedgerBlock | undefined {
    return this.blocks.get(index);
  }
}
