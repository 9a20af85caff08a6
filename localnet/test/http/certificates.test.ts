import { describe, expect, it } from 'vitest';
import { bls12_381 } from '@noble/curves/bls12-381';
import { Cbor, Certificate, LookupPathStatus, lookup_path, lookupResultToBuffer, reconstruct, type HashTree as AgentHashTree } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils';
import { encodeCborUntagged } from '../../src/http/cbor.js';
import { Certifier } from '../../src/http/certifier.js';
import { digest, domainSeparator, EMPTY, fork, labeled, leaf, type HashTree } from '../../src/http/hash-tree.js';
import { LabeledTree } from '../../src/http/labeled-tree.js';
import { ReplicaKeys } from '../../src/http/replica-keys.js';
import { subnetTree } from '../../src/http/subnet.js';

const text = (value: string) => new TextEncoder().encode(value);

describe('hash trees', () => {
  // The example of the interface spec's "Certification" section.
  const example: HashTree = fork(
    fork(
      labeled(text('a'), fork(fork(labeled(text('x'), leaf(text('hello'))), EMPTY), labeled(text('y'), leaf(text('world'))))),
      labeled(text('b'), leaf(text('good'))),
    ),
    fork(labeled(text('c'), EMPTY), labeled(text('d'), leaf(text('morning')))),
  );

  it('reproduces the spec example\'s CBOR encoding and root hash', () => {
    expect(bytesToHex(encodeCborUntagged(example))).toBe(
      '8301830183024161830183018302417882034568656c6c6f810083024179820345776f726c6483024162820344676f6f648301830241638100830241648203476d6f726e696e67',
    );
    expect(bytesToHex(digest(example))).toBe('eb5c5b2195e62d996b84c9bcc8259d19a83786a2f59e0878cec84c811f669aa0');
  });

  it('builds trees with sorted labels and balanced forks that the agent\'s lookup and reconstruct agree with', async () => {
    const tree = new LabeledTree()
      .set(['d'], text('morning'))
      .set(['a', 'y'], text('world'))
      .set(['b'], text('good'))
      .set(['a', 'x'], text('hello'))
      .toHashTree();
    const asAgent = tree as unknown as AgentHashTree;

    expect(lookup_path(['a', 'x'], asAgent)).toMatchObject({ status: LookupPathStatus.Found, value: text('hello') });
    expect(lookup_path(['c'], asAgent).status).toBe(LookupPathStatus.Absent);
    expect(await reconstruct(asAgent)).toEqual(digest(tree));
  });

  it('selects exactly the subtrees under the requested paths', () => {
    const full = new LabeledTree().set(['a', 'x'], text('1')).set(['a', 'y'], text('2')).set(['b'], text('3'));
    const selected = full.select([[text('a'), text('y')], [text('z')]]);
    expect([...selected.entries()].map(([path, value]) => [path.map((l) => new TextDecoder().decode(l)).join('/'), value])).toEqual([
      ['a/y', text('2')],
    ]);
  });
});

describe('certificates', () => {
  const keys = ReplicaKeys.load();
  const now = BigInt(Date.now()) * 1_000_000n;
  const certifier = new Certifier(keys, () => now);

  it('signs the state root with the minimal-signature-size BLS scheme the root key verifies', () => {
    const certificate = Cbor.decode<{ tree: HashTree; signature: Uint8Array }>(certifier.certify(new LabeledTree()));
    const message = concatBytes(domainSeparator('ic-state-root'), digest(certificate.tree));

    expect(certificate.signature).toHaveLength(48);
    expect(keys.rootKeyDer).toHaveLength(133);
    expect(bytesToHex(keys.rootKeyDer.subarray(0, 37))).toBe('308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100');
    expect(bls12_381.verifyShortSignature(certificate.signature, message, keys.rootKeyDer.subarray(37))).toBe(true);
  });

  it('passes the agent\'s own verification, with /time and the subnet\'s ranges and node key', async () => {
    const canisterId = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
    const bytes = certifier.certify(new LabeledTree().graft([], subnetTree(keys)));
    const certificate = await Certificate.create({ certificate: bytes, rootKey: keys.rootKeyDer, canisterId });

    const time = lookupResultToBuffer(certificate.lookup_path(['time']))!;
    expect(time.length).toBeGreaterThan(0);
    const subnet = keys.subnetId.toUint8Array();
    expect(lookupResultToBuffer(certificate.lookup_path(['subnet', subnet, 'public_key']))).toEqual(keys.rootKeyDer);
    const nodeKey = lookupResultToBuffer(certificate.lookup_path(['subnet', subnet, 'node', keys.nodeId.toUint8Array(), 'public_key']))!;
    expect(bytesToHex(nodeKey.subarray(0, 12))).toBe('302a300506032b6570032100');
    expect(keys.subnetId.toText()).toBe(Principal.selfAuthenticating(keys.rootKeyDer).toText());
  });

  it('is rejected by the agent when signed by another root key', async () => {
    const other = ReplicaKeys.load();
    const canisterId = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
    await expect(Certificate.create({ certificate: certifier.certify(new LabeledTree()), rootKey: other.rootKeyDer, canisterId })).rejects.toThrow();
  });

  it('encodes ranges covering every canister id', () => {
    const ranges = subnetTree(keys).lookup(['subnet', keys.subnetId.toUint8Array(), 'canister_ranges']) as Uint8Array;
    const [[low, high]] = Cbor.decode<[[Uint8Array, Uint8Array]]>(ranges);
    expect(low).toHaveLength(0);
    expect(high).toEqual(hexToBytes('ff'.repeat(29)));
  });
});
