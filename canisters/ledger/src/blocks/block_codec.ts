import { Codec } from '@chargex/common';
import { Principal } from '@dfinity/principal';

import { SUBACCOUNT_BYTES } from '../accounts/account';
import { BlockAccount, BlockTransaction, BlockType, LedgerBlock } from './block';
import { ByteReader, ByteWriter } from './byte_stream';

const BLOCK_TYPES: readonly BlockType[] = ['1burn', '1mint', '1xfer', '2approve', '2xfer'];

/** Which optional fields a stored block carries, one bit each. */
const HAS = {
  phash: 1 << 0,
  fee: 1 << 1,
  from: 1 << 2,
  to: 1 << 3,
  spender: 1 << 4,
  txFee: 1 << 5,
  memo: 1 << 6,
  txTs: 1 << 7,
  expectedAllowance: 1 << 8,
  expiresAt: 1 << 9
} as const;

/** Set on an account's length byte when the user gave a subaccount. */
const WITH_SUBACCOUNT = 0x80;

/**
 * Blocks stored compactly: a type byte, a presence bit mask, fixed-width times and hashes, LEB128 amounts and raw
 * principals, in a fixed order, with no field names. A transfer takes about a hundred bytes, where the same block
 * as candid or JSON would repeat every field name. The ICRC-3 Value is rebuilt from it when blocks are served.
 */
export const blockCodec: Codec<LedgerBlock> = {
  toBytes: encodeBlock,
  fromBytes: decodeBlock
};

function encodeBlock(block: LedgerBlock): Uint8Array {
  const { tx } = block;
  const presence: Array<[number, unknown]> = [
    [HAS.phash, block.phash],
    [HAS.fee, block.fee],
    [HAS.from, tx.from],
    [HAS.to, tx.to],
    [HAS.spender, tx.spender],
    [HAS.txFee, tx.fee],
    [HAS.memo, tx.memo],
    [HAS.txTs, tx.ts],
    [HAS.expectedAllowance, tx.expected_allowance],
    [HAS.expiresAt, tx.expires_at]
  ];
  const flags = presence.reduce((mask, [bit, field]) => (field === undefined ? mask : mask | bit), 0);
  const out = new ByteWriter().u8(BLOCK_TYPES.indexOf(block.btype)).u16(flags).u64(block.ts);
  if (block.phash !== undefined) out.bytes(block.phash);
  if (block.fee !== undefined) out.nat(block.fee);
  out.nat(tx.amt);
  for (const account of [tx.from, tx.to, tx.spender]) {
    if (account !== undefined) writeAccount(out, account);
  }
  if (tx.fee !== undefined) out.nat(tx.fee);
  if (tx.memo !== undefined) out.u8(tx.memo.length).bytes(tx.memo);
  if (tx.ts !== undefined) out.u64(tx.ts);
  if (tx.expected_allowance !== undefined) out.nat(tx.expected_allowance);
  if (tx.expires_at !== undefined) out.u64(tx.expires_at);
  return out.finish();
}

function decodeBlock(bytes: Uint8Array): LedgerBlock {
  const input = new ByteReader(bytes);
  const btype = BLOCK_TYPES[input.u8()];
  if (btype === undefined) {
    throw new Error('stored block has an unknown type');
  }
  const flags = input.u16();
  const has = (bit: number) => (flags & bit) !== 0;
  const ts = input.u64();
  const phash = has(HAS.phash) ? input.bytes(32) : undefined;
  const fee = has(HAS.fee) ? input.nat() : undefined;
  const tx: BlockTransaction = { amt: input.nat() };
  if (has(HAS.from)) tx.from = readAccount(input);
  if (has(HAS.to)) tx.to = readAccount(input);
  if (has(HAS.spender)) tx.spender = readAccount(input);
  if (has(HAS.txFee)) tx.fee = input.nat();
  if (has(HAS.memo)) tx.memo = input.bytes(input.u8());
  if (has(HAS.txTs)) tx.ts = input.u64();
  if (has(HAS.expectedAllowance)) tx.expected_allowance = input.nat();
  if (has(HAS.expiresAt)) tx.expires_at = input.u64();
  if (!input.done()) {
    throw new Error('stored block has trailing bytes');
  }
  const block: LedgerBlock = { btype, ts, tx };
  if (phash !== undefined) block.phash = phash;
  if (fee !== undefined) block.fee = fee;
  return block;
}

function writeAccount(out: ByteWriter, account: BlockAccount): void {
  const owner = account.owner.toUint8Array();
  out.u8(owner.length | (account.subaccount === undefined ? 0 : WITH_SUBACCOUNT)).bytes(owner);
  if (account.subaccount !== undefined) out.bytes(account.subaccount);
}

function readAccount(input: ByteReader): BlockAccount {
  const head = input.u8();
  const owner = Principal.fromUint8Array(input.bytes(head & ~WITH_SUBACCOUNT));
  return { owner, subaccount: (head & WITH_SUBACCOUNT) === 0 ? undefined : input.bytes(SUBACCOUNT_BYTES) };
}
