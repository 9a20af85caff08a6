import { concatBytes, encodeLeb128, sha256 } from '@chargex/common';

import { Tip } from '../blocks/block_log';

/** An IC hash tree (interface spec, "Certification"): the parts the tip certificate uses. */
export type HashTree =
  | { kind: 'empty' }
  | { kind: 'fork'; left: HashTree; right: HashTree }
  | { kind: 'labeled'; label: Uint8Array; tree: HashTree }
  | { kind: 'leaf'; value: Uint8Array };

const textEncoder = new TextEncoder();

/** The tree ICRC-3 asks the ledger to certify: `last_block_hash` and `last_block_index` (LEB128), or empty. */
export function tipTree(tip: Tip | undefined): HashTree {
  if (tip === undefined) {
    return { kind: 'empty' };
  }
  return {
    kind: 'fork',
    left: labeled('last_block_hash', tip.hash),
    right: labeled('last_block_index', encodeLeb128(tip.index))
  };
}

function labeled(label: string, value: Uint8Array): HashTree {
  return { kind: 'labeled', label: textEncoder.encode(label), tree: { kind: 'leaf', value } };
}

const SEPARATOR = {
  empty: domainSeparator('ic-hashtree-empty'),
  fork: domainSeparator('ic-hashtree-fork'),
  labeled: domainSeparator('ic-hashtree-labeled'),
  leaf: domainSeparator('ic-hashtree-leaf')
};

/** The root hash of a tree, as the IC computes it (the value a canister passes to certified_data_set). */
export function treeDigest(tree: HashTree): Uint8Array {
  switch (tree.kind) {
    case 'empty':
      return sha256(SEPARATOR.empty);
    case 'fork':
      return sha256(concatBytes([SEPARATOR.fork, treeDigest(tree.left), treeDigest(tree.right)]));
    case 'labeled':
      return sha256(concatBytes([SEPARATOR.labeled, tree.label, treeDigest(tree.tree)]));
    case 'leaf':
      return sha256(concatBytes([SEPARATOR.leaf, tree.value]));
  }
}

function domainSeparator(name: string): Uint8Array {
  const bytes = textEncoder.encode(name);
  const out = new Uint8Array(1 + bytes.length);
  out[0] = bytes.length;
  out.set(bytes, 1);
  return out;
}
