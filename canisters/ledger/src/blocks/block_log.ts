import { Codec, KeyValueStore, OrderedKey, StableCell } from '@chargex/common';

import { blockHash, LedgerBlock } from './block';

/** The newest block: what the tip certificate certifies and what the next block's phash is. */
export interface Tip {
  index: bigint;
  hash: Uint8Array;
}

/** Tip stored as a big-endian u64 index followed by the 32-byte hash. */
export const tipCodec: Codec<Tip> = {
  toBytes: (tip) => {
    const out = new Uint8Array(40);
    out.set(OrderedKey.u64.write(tip.index));
    out.set(tip.hash, 8);
    return out;
  },
  fromBytes: (bytes) => ({ index: OrderedKey.u64.read(bytes, 0)[0], hash: bytes.slice(8, 40) })
};

/** The append-only block log, keyed by block index (u64, so keys sort in index order). */
export class BlockLog {
  constructor(
    private readonly blocks: KeyValueStore<bigint, LedgerBlock>,
    private readonly tipCell: StableCell<Tip>
  ) {}

  /** Number of blocks. */
  length(): bigint {
    return BigInt(this.blocks.len());
  }

  /** The newest block's index and hash (undefined while the log is empty). */
  tip(): Tip | undefined {
    return this.tipCell.get();
  }

  /**
   * Appends a block after the tip, filling in its phash; `txHash` is the hash of its transaction, computed once
   * by the caller for deduplication too. Returns the new tip.
   */
  append(block: Omit<LedgerBlock, 'phash'>, txHash: Uint8Array): Tip {
    const parent = this.tip();
    const linked: LedgerBlock = parent === undefined ? { ...block } : { ...block, phash: parent.hash };
    const tip = { index: this.length(), hash: blockHash(linked, txHash) };
    this.blocks.insert(tip.index, linked);
    this.tipCell.set(tip);
    return tip;
  }

  /** The block at `index`, if there is one. */
  get(index: bigint): LedgerBlock | undefined {
    return this.blocks.get(index);
  }
}
