import { concatBytes } from '../bytes';
import { sha256 } from '../crypto/sha256';

/** An IC hash tree (interface specification, "Certification"), without pruned nodes: certified data is its root. */
export type HashTree =
  | { kind: 'empty' }
  | { kind: 'fork'; left: HashTree; right: HashTree }
  | { kind: 'labeled'; label: Uint8Array; tree: HashTree }
  | { kind: 'leaf'; value: Uint8Array };

const textEncoder = new TextEncoder();

/** The length-prefixed names that keep node kinds apart in the hash, computed once. */
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
  return concatBytes([Uint8Array.of(bytes.length), bytes]);
}
