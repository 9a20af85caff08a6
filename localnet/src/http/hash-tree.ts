import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';

/** The spec's hash tree, in the array form certificates carry it in CBOR. */
export type HashTree =
  | readonly [0]
  | readonly [1, HashTree, HashTree]
  | readonly [2, Uint8Array, HashTree]
  | readonly [3, Uint8Array]
  | readonly [4, Uint8Array];

export const EMPTY: HashTree = [0];

export const fork = (left: HashTree, right: HashTree): HashTree => [1, left, right];
export const labeled = (label: Uint8Array, subtree: HashTree): HashTree => [2, label, subtree];
export const leaf = (value: Uint8Array): HashTree => [3, value];

/** One length byte then the ASCII name: how the spec separates hashing domains. */
export function domainSeparator(name: string): Uint8Array {
  const bytes = utf8ToBytes(name);
  return concatBytes(Uint8Array.of(bytes.length), bytes);
}

const EMPTY_DOMAIN = domainSeparator('ic-hashtree-empty');
const FORK_DOMAIN = domainSeparator('ic-hashtree-fork');
const LABELED_DOMAIN = domainSeparator('ic-hashtree-labeled');
const LEAF_DOMAIN = domainSeparator('ic-hashtree-leaf');

/** The root hash of a tree ("reconstruct" in the spec): what a certificate's signature covers. */
export function digest(tree: HashTree): Uint8Array {
  switch (tree[0]) {
    case 0:
      return sha256(EMPTY_DOMAIN);
    case 1:
      return sha256(concatBytes(FORK_DOMAIN, digest(tree[1]), digest(tree[2])));
    case 2:
      return sha256(concatBytes(LABELED_DOMAIN, tree[1], digest(tree[2])));
    case 3:
      return sha256(concatBytes(LEAF_DOMAIN, tree[1]));
    case 4:
      return tree[1];
  }
}

/** Joins labeled subtrees (already sorted by label) with balanced forks, so lookups stay logarithmic. */
export function forkAll(subtrees: readonly HashTree[]): HashTree {
  if (subtrees.length === 0) return EMPTY;
  if (subtrees.length === 1) return subtrees[0]!;
  const middle = Math.ceil(subtrees.length / 2);
  return fork(forkAll(subtrees.slice(0, middle)), forkAll(subtrees.slice(middle)));
}
