import { HashTree } from './hash_tree';

/** CBOR major types used by hash trees. */
const MAJOR = { unsigned: 0, bytes: 2, array: 4 } as const;

/** Tags of the hash tree node arrays (interface spec: `[0]`, `[1, l, r]`, `[2, label, t]`, `[3, value]`). */
const NODE = { empty: 0, fork: 1, labeled: 2, leaf: 3 } as const;

/** CBOR's self-describe tag (55799), which a CBOR encoding may start with to say what it is. */
export const CBOR_SELF_DESCRIBE_TAG = Uint8Array.of(0xd9, 0xd9, 0xf7);

/** The CBOR encoding of a hash tree, as `icrc3_get_tip_certificate` returns it in `hash_tree` (no leading tag). */
export function encodeTree(tree: HashTree): Uint8Array {
  const out: number[] = [];
  writeNode(out, tree);
  return Uint8Array.from(out);
}

function writeNode(out: number[], tree: HashTree): void {
  switch (tree.kind) {
    case 'empty':
      writeHead(out, MAJOR.array, 1);
      writeHead(out, MAJOR.unsigned, NODE.empty);
      return;
    case 'fork':
      writeHead(out, MAJOR.array, 3);
      writeHead(out, MAJOR.unsigned, NODE.fork);
      writeNode(out, tree.left);
      writeNode(out, tree.right);
      return;
    case 'labeled':
      writeHead(out, MAJOR.array, 3);
      writeHead(out, MAJOR.unsigned, NODE.labeled);
      writeBytes(out, tree.label);
      writeNode(out, tree.tree);
      return;
    case 'leaf':
      writeHead(out, MAJOR.array, 2);
      writeHead(out, MAJOR.unsigned, NODE.leaf);
      writeBytes(out, tree.value);
  }
}

function writeBytes(out: number[], bytes: Uint8Array): void {
  writeHead(out, MAJOR.bytes, bytes.length);
  bytes.forEach((byte) => out.push(byte));
}

/** A CBOR item head: major type and argument, in the shortest form (lengths here stay below 2^32). */
function writeHead(out: number[], major: number, argument: number): void {
  const type = major << 5;
  if (argument < 24) {
    out.push(type | argument);
  } else if (argument < 0x100) {
    out.push(type | 24, argument);
  } else if (argument < 0x10000) {
    out.push(type | 25, argument >> 8, argument & 0xff);
  } else {
    out.push(type | 26, (argument >>> 24) & 0xff, (argument >> 16) & 0xff, (argument >> 8) & 0xff, argument & 0xff);
  }
}
