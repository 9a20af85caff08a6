import { concatBytes, sha256 } from '@chargex/common';

const textEncoder = new TextEncoder();

/** The IC's certification hash tree, as far as a tip certificate needs it (no pruned or empty nodes). */
export type HashTree =
  | { kind: 'fork'; left: HashTree; right: HashTree }
  | { kind: 'labeled'; label: Uint8Array; subtree: HashTree }
  | { kind: 'leaf'; value: Uint8Array };

/** A labeled leaf. */
export function labeledLeaf(label: string, value: Uint8Array): HashTree {
  return { kind: 'labeled', label: textEncoder.encode(label), subtree: { kind: 'leaf', value } };
}

/** A fork of two subtrees (their labels must be in ascending order, left before right). */
export function fork(left: HashTree, right: HashTree): HashTree {
  return { kind: 'fork', left, right };
}

/** The root hash of a tree, as the IC interface specification defines it (domain-separated SHA-256). */
export function treeRootHash(tree: HashTree): Uint8Array {
  switch (tree.kind) {
    case 'fork':
      return sha256(concatBytes([domain('ic-hashtree-fork'), treeRootHash(tree.left), treeRootHash(tree.right)]));
    case 'labeled':
      return sha256(concatBytes([domain('ic-hashtree-labeled'), tree.label, treeRootHash(tree.subtree)]));
    case 'leaf':
      return sha256(concatBytes([domain('ic-hashtree-leaf'), tree.value]));
  }
}

/** The tree in the CBOR form certificates carry: `[1,l,r]`, `[2,label,t]`, `[3,value]`, after the self-describe tag. */
export function encodeTreeCbor(tree: HashTree): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.of(0xd9, 0xd9, 0xf7)];
  writeTree(tree, parts);
  return concatBytes(parts);
}

function writeTree(tree: HashTree, parts: Uint8Array[]): void {
  switch (tree.kind) {
    case 'fork':
      parts.push(Uint8Array.of(0x83, 0x01));
      writeTree(tree.left, parts);
      writeTree(tree.right, parts);
      return;
    case 'labeled':
      parts.push(Uint8Array.of(0x83, 0x02), cborBytesHeader(tree.label.length), tree.label);
      writeTree(tree.subtree, parts);
      return;
    case 'leaf':
      parts.push(Uint8Array.of(0x82, 0x03), cborBytesHeader(tree.value.length), tree.value);
  }
}

function cborBytesHeader(length: number): Uint8Array {
  const major = 0x40;
  if (length < 24) {
    return Uint8Array.of(major | length);
  }
  if (length < 0x100) {
    return Uint8Array.of(major | 24, length);
  }
  if (length < 0x10000) {
    return Uint8Array.of(major | 25, length >> 8, length & 0xff);
  }
  throw new RangeError(`hash tree blob of ${length} bytes is larger than a tip certificate needs`);
}

function domain(separator: string): Uint8Array {
  const bytes = textEncoder.encode(separator);
  return concatBytes([Uint8Array.of(bytes.length), bytes]);
}
