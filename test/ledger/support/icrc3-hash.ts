/**
 * An implementation of ICRC-3's representation-independent hash and of the IC hash-tree root, written for the
 * tests on Node's crypto, independently of the canister's code, to check the blocks and certificate it serves.
 */
import { createHash } from 'node:crypto';

import type { Icrc3Value } from './ledger-fixture';

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** Unsigned LEB128. */
export function uleb(n: bigint): Buffer {
  const bytes: number[] = [];
  for (let rest = n; ; ) {
    const byte = Number(rest % 128n);
    rest /= 128n;
    if (rest === 0n) return Buffer.from([...bytes, byte]);
    bytes.push(byte + 128);
  }
}

/** Signed LEB128. */
export function sleb(n: bigint): Buffer {
  const bytes: number[] = [];
  let rest = n;
  let more = true;
  while (more) {
    let byte = Number(BigInt.asUintN(7, rest));
    rest >>= 7n;
    const signBit = (byte & 0x40) !== 0;
    more = !((rest === 0n && !signBit) || (rest === -1n && signBit));
    if (more) byte |= 0x80;
    bytes.push(byte);
  }
  return Buffer.from(bytes);
}

/** ICRC-3 hash of a Value (standards/ICRC-3/HASHINGVALUES.md). */
export function icrc3Hash(value: Icrc3Value): Buffer {
  if ('Nat' in value) return sha256(uleb(value.Nat));
  if ('Int' in value) return sha256(sleb(value.Int));
  if ('Text' in value) return sha256(Buffer.from(value.Text, 'utf8'));
  if ('Blob' in value) return sha256(value.Blob);
  if ('Array' in value) return sha256(...value.Array.map(icrc3Hash));
  const pairs = value.Map.map(([key, entry]) => Buffer.concat([sha256(Buffer.from(key, 'utf8')), icrc3Hash(entry)]));
  pairs.sort(Buffer.compare);
  return sha256(...pairs);
}

const separator = (name: string) => Buffer.concat([Buffer.from([name.length]), Buffer.from(name)]);
const leaf = (value: Uint8Array) => sha256(separator('ic-hashtree-leaf'), value);
const labeled = (label: string, subtree: Buffer) => sha256(separator('ic-hashtree-labeled'), Buffer.from(label), subtree);
const fork = (left: Buffer, right: Buffer) => sha256(separator('ic-hashtree-fork'), left, right);

/** Root hash of the ICRC-3 tip tree for the given tip (or of the empty tree when the log is empty). */
export function tipTreeRoot(tip: { index: bigint; hash: Uint8Array } | undefined): Buffer {
  if (tip === undefined) return sha256(separator('ic-hashtree-empty'));
  return fork(labeled('last_block_hash', leaf(tip.hash)), labeled('last_block_index', leaf(uleb(tip.index))));
}
