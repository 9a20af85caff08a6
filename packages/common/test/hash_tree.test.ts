/**
 * Hash trees against the example of the IC interface specification ("Certification": the tree of a, b, c, d with
 * its root hash and CBOR encoding), and the ICRC-3 tip tree against a hash computed here on Node's crypto.
 */
import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { HashTree, treeDigest } from '../src/icrc3/hash_tree';
import { tipTree } from '../src/icrc3/tip_tree';
import { encodeTree } from '../src/icrc3/tree_cbor';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bytes = (text: string) => new TextEncoder().encode(text);
const fork = (left: HashTree, right: HashTree): HashTree => ({ kind: 'fork', left, right });
const labeled = (label: string, tree: HashTree): HashTree => ({ kind: 'labeled', label: bytes(label), tree });
const leaf = (value: string | Uint8Array): HashTree => ({ kind: 'leaf', value: typeof value === 'string' ? bytes(value) : value });
const empty: HashTree = { kind: 'empty' };

const specExample = fork(
  fork(labeled('a', fork(fork(labeled('x', leaf('hello')), empty), labeled('y', leaf('world')))), labeled('b', leaf('good'))),
  fork(labeled('c', empty), labeled('d', leaf('morning'))),
);

const domain = (name: string) => Buffer.concat([Buffer.of(name.length), Buffer.from(name)]);
const sha256 = (...parts: Uint8Array[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

describe('hash trees', () => {
  it('give the root hash of the specification example', () => {
    expect(hex(treeDigest(specExample))).toBe('eb5c5b2195e62d996b84c9bcc8259d19a83786a2f59e0878cec84c811f669aa0');
  });

  it('encode the specification example as its CBOR', () => {
    expect(hex(encodeTree(specExample))).toBe(
      '8301830183024161830183018302417882034568656c6c6f810083024179820345776f726c6483024162820344676f6f648301830241638100830241648203476d6f726e696e67',
    );
  });

  it('write long blobs with two- and four-byte lengths', () => {
    expect(hex(encodeTree(leaf(new Uint8Array(300)))).slice(0, 10)).toBe('820359012c');
    expect(hex(encodeTree(leaf(new Uint8Array(70_000)))).slice(0, 14)).toBe('82035a00011170');
  });
});

describe('ICRC-3 tip tree', () => {
  it('certifies the last block hash and the LEB128 last block index, labels in order', () => {
    const hash = new Uint8Array(32).fill(7);
    const tree = tipTree({ index: 300n, hash });
    const labeledLeaf = (label: string, value: Uint8Array) =>
      sha256(domain('ic-hashtree-labeled'), Buffer.from(label), sha256(domain('ic-hashtree-leaf'), value));
    const expected = sha256(
      domain('ic-hashtree-fork'),
      labeledLeaf('last_block_hash', hash),
      labeledLeaf('last_block_index', Uint8Array.of(0xac, 0x02)),
    );
    expect(hex(treeDigest(tree))).toBe(hex(expected));
  });

  it('is the empty tree while the log has no block', () => {
    expect(tipTree(undefined)).toEqual(empty);
    expect(hex(encodeTree(tipTree(undefined)))).toBe('8100');
  });
});
