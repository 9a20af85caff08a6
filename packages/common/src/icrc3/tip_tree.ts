import { HashTree } from './hash_tree';
import { encodeLeb128 } from './leb128';

/** The newest block of a log: what its tip certificate certifies and what the next block's phash is. */
export interface Tip {
  index: bigint;
  hash: Uint8Array;
}

const textEncoder = new TextEncoder();

/**
 * The tree ICRC-3 has a log certify: `last_block_hash`, and `last_block_index` as LEB128 (labels in order); the
 * empty tree while the log has no block.
 */
export function tipTree(tip: Tip | undefined): HashTree {
  if (tip === undefined) {
    return { kind: 'empty' };
  }
  return {
    kind: 'fork',
    left: labeledLeaf('last_block_hash', tip.hash),
    right: labeledLeaf('last_block_index', encodeLeb128(tip.index))
  };
}

function labeledLeaf(label: string, value: Uint8Array): HashTree {
  return { kind: 'labeled', label: textEncoder.encode(label), tree: { kind: 'leaf', value } };
}
