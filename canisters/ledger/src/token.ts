import { SupportedBlockType } from '@chargex/common';

import { MetadataValue, StandardRecord } from './idl/icrc1';

/** The token: the local stand-in for ckBTC (8 decimals, fee 10 satoshi, like the ckBTC ledger). */
export const TOKEN = {
  name: 'Local ckBTC',
  symbol: 'ckBTC',
  decimals: 8,
  fee: 10n,
  /** ICRC-1 asks ledgers to accept memos of at least 32 bytes; longer ones are refused. */
  maxMemoBytes: 32
} as const;

/** Amounts, balances and the supply are u64, as on the ckBTC ledger. */
export const MAX_TOKENS = (1n << 64n) - 1n;

const NS_PER_SECOND = 1_000_000_000n;

/** ICRC-1 deduplication window (TX_WINDOW): a day, as on DFINITY's ledgers. */
export const TX_WINDOW_NS = 24n * 60n * 60n * NS_PER_SECOND;

/** ICRC-1 PERMITTED_DRIFT between a client's clock and the ledger's: two minutes. */
export const PERMITTED_DRIFT_NS = 2n * 60n * NS_PER_SECOND;

/** icrc1_metadata entries (the `icrc1:` keys ICRC-1 defines, plus the memo limit DFINITY's ledgers publish). */
export function metadata(): Array<[string, MetadataValue]> {
  return [
    ['icrc1:decimals', { Nat: BigInt(TOKEN.decimals) }],
    ['icrc1:name', { Text: TOKEN.name }],
    ['icrc1:symbol', { Text: TOKEN.symbol }],
    ['icrc1:fee', { Nat: TOKEN.fee }],
    ['icrc1:max_memo_length', { Nat: BigInt(TOKEN.maxMemoBytes) }]
  ];
}

const ICRC1_URL = 'https://github.com/dfinity/ICRC-1/tree/main/standards/ICRC-1';
const ICRC2_URL = 'https://github.com/dfinity/ICRC-1/tree/main/standards/ICRC-2';
const ICRC3_URL = 'https://github.com/dfinity/ICRC-1/tree/main/standards/ICRC-3';
const ICRC10_URL = 'https://github.com/dfinity/ICRC/blob/main/ICRCs/ICRC-10/ICRC-10.md';

/** The standards this ledger implements (icrc1_supported_standards and icrc10_supported_standards). */
export const SUPPORTED_STANDARDS: readonly StandardRecord[] = [
  { name: 'ICRC-1', url: ICRC1_URL },
  { name: 'ICRC-2', url: ICRC2_URL },
  { name: 'ICRC-3', url: ICRC3_URL },
  { name: 'ICRC-10', url: ICRC10_URL }
];

/** Every block type this ledger writes (icrc3_supported_block_types). */
export const SUPPORTED_BLOCK_TYPES: readonly SupportedBlockType[] = [
  { block_type: '1burn', url: ICRC1_URL },
  { block_type: '1mint', url: ICRC1_URL },
  { block_type: '1xfer', url: ICRC1_URL },
  { block_type: '2approve', url: ICRC2_URL },
  { block_type: '2xfer', url: ICRC2_URL }
];
