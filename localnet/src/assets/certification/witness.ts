import { bytesToHex } from '@noble/hashes/utils';
import { compareBytes } from '../../http/representation-hash.js';
import { digest, fork, labeled, type HashTree } from '../../http/hash-tree.js';

type Path = readonly Uint8Array[];

const pruned = (tree: HashTree): HashTree => [4, digest(tree)];

/**
 * The part of `tree` a verifier needs to look up each of `paths`, with everything else pruned to its hash (so
 * the root hash is unchanged). A path that exists is revealed down to where it ends; where a label is absent,
 * its neighbours on either side are revealed with their subtrees pruned, which is how a lookup proves absence.
 */
export function witness(tree: HashTree, paths: readonly Path[]): HashTree {
  if (paths.some((path) => path.length === 0)) return tree;
  const labels = labelsAt(tree);
  const descend = new Map<string, Path[]>();
  const neighbours = new Set<string>();
  for (const [first, ...rest] of paths) {
    const index = labels.findIndex((label) => compareBytes(label, first!) >= 0);
    const end = index === -1 ? labels.length : index;
    if (index !== -1 && compareBytes(labels[index]!, first!) === 0) {
      const key = bytesToHex(first!);
      descend.set(key, [...(descend.get(key) ?? []), rest]);
      continue;
    }
    if (end > 0) neighbours.add(bytesToHex(labels[end - 1]!));
    if (end < labels.length) neighbours.add(bytesToHex(labels[end]!));
  }
  return prune(tree, descend, neighbours);
}

function prune(tree: HashTree, descend: Map<string, Path[]>, neighbours: Set<string>): HashTree {
  switch (tree[0]) {
    case 1: {
      const left = prune(tree[1], descend, neighbours);
      const right = prune(tree[2], descend, neighbours);
      return left[0] === 4 && right[0] === 4 ? pruned(tree) : fork(left, right);
    }
    case 2: {
      const key = bytesToHex(tree[1]);
      const paths = descend.get(key);
      if (paths) return labeled(tree[1], witness(tree[2], paths));
      return neighbours.has(key) ? labeled(tree[1], pruned(tree[2])) : pruned(tree);
    }
    default:
      return tree;
  }
}

/** The labels of one level of the tree, in order (forks are only structure). */
function labelsAt(tree: HashTree): Uint8Array[] {
  if (tree[0] === 1) return [...labelsAt(tree[1]), ...labelsAt(tree[2])];
  return tree[0] === 2 ? [tree[1]] : [];
}
