import { hashHashedMap, hashLabel, hashValue, Value } from '@chargex/common';
import { Principal } from '@dfinity/principal';

import { Account } from '../idl/account';

/** The ICRC-3 block types this ledger writes. */
export type BlockType = '1burn' | '1mint' | '1xfer' | '2approve' | '2xfer';

/** An account exactly as the user gave it: blocks keep a null subaccount apart from 32 zero bytes. */
export interface BlockAccount {
  owner: Principal;
  subaccount: Uint8Array | undefined;
}

/** The `tx` field: what the user asked for (ICRC-3's ICRC-1/ICRC-2 block schema). */
export interface BlockTransaction {
  amt: bigint;
  from?: BlockAccount;
  to?: BlockAccount;
  spender?: BlockAccount;
  /** The fee the user set in the request, if they set one. */
  fee?: bigint;
  memo?: Uint8Array;
  /** The request's created_at_time. */
  ts?: bigint;
  expected_allowance?: bigint;
  expires_at?: bigint;
}

/** One block of the log. */
export interface LedgerBlock {
  btype: BlockType;
  /** Ledger time when the block was added. */
  ts: bigint;
  /** Hash of the previous block; absent only on block 0. */
  phash?: Uint8Array;
  /** The fee charged when the transaction requires one and the user did not set `tx.fee`. */
  fee?: bigint;
  tx: BlockTransaction;
}

/** The block form of an account as given in a request. */
export function blockAccount(account: Account): BlockAccount {
  return { owner: account.owner, subaccount: account.subaccount[0] };
}

function accountValue(account: BlockAccount): Value {
  const owner: Value = { Blob: account.owner.toUint8Array() };
  return { Array: account.subaccount === undefined ? [owner] : [owner, { Blob: account.subaccount }] };
}

/** The `tx` map as ICRC-3 serves it: the fields the user set, in a fixed order. */
export function transactionValue(tx: BlockTransaction): Value {
  const fields: Array<[string, Value | undefined]> = [
    ['amt', { Nat: tx.amt }],
    ['from', tx.from && accountValue(tx.from)],
    ['to', tx.to && accountValue(tx.to)],
    ['spender', tx.spender && accountValue(tx.spender)],
    ['fee', natValue(tx.fee)],
    ['memo', tx.memo && { Blob: tx.memo }],
    ['ts', natValue(tx.ts)],
    ['expected_allowance', natValue(tx.expected_allowance)],
    ['expires_at', natValue(tx.expires_at)]
  ];
  return { Map: fields.filter((field): field is [string, Value] => field[1] !== undefined) };
}

function natValue(value: bigint | undefined): Value | undefined {
  return value === undefined ? undefined : { Nat: value };
}

/** The whole block as ICRC-3 serves it. */
export function blockValue(block: LedgerBlock): Value {
  const entries: Array<[string, Value]> = [['btype', { Text: block.btype }]];
  if (block.phash !== undefined) {
    entries.push(['phash', { Blob: block.phash }]);
  }
  entries.push(['ts', { Nat: block.ts }]);
  if (block.fee !== undefined) {
    entries.push(['fee', { Nat: block.fee }]);
  }
  entries.push(['tx', transactionValue(block.tx)]);
  return { Map: entries };
}

/** Hash of the `tx` value. */
export function transactionHash(tx: BlockTransaction): Uint8Array {
  return hashValue(transactionValue(tx));
}

/**
 * The deduplication key of a transaction: the ICRC-3 hash of `{btype; tx}`. The block type takes part because
 * `tx` alone does not say which operation it was (a transfer_from burn and an approval can carry the same fields).
 */
export function deduplicationKey(btype: BlockType, txHash: Uint8Array): Uint8Array {
  return hashHashedMap([
    ['btype', hashLabel(btype)],
    ['tx', txHash]
  ]);
}

/** The ICRC-3 hash of `block`, given its transaction's hash (equal to `hashValue(blockValue(block))`). */
export function blockHash(block: LedgerBlock, txHash: Uint8Array): Uint8Array {
  const entries: Array<[string, Uint8Array]> = [['btype', hashLabel(block.btype)]];
  if (block.phash !== undefined) {
    entries.push(['phash', hashValue({ Blob: block.phash })]);
  }
  entries.push(['ts', hashValue({ Nat: block.ts })]);
  if (block.fee !== undefined) {
    entries.push(['fee', hashValue({ Nat: block.fee })]);
  }
  entries.push(['tx', txHash]);
  return hashHashedMap(entries);
}
