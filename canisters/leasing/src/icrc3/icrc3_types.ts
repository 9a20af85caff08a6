import { named } from '@chargex/common';
import { IDL, Principal } from 'azle';

import { IndexedBlock } from './block_log';
import { namedRecursive } from './named_recursive';
import { ValueIdl } from './value';

/** Ranges of block indexes to fetch. */
export type GetBlocksArgs = Array<{ start: bigint; length: bigint }>;

/** What icrc3_get_blocks returns; this log keeps every block itself, so `archived_blocks` is always empty. */
export interface GetBlocksResult {
  log_length: bigint;
  blocks: IndexedBlock[];
  archived_blocks: Array<{ args: GetBlocksArgs; callback: [Principal, string] }>;
}

/** Candid type of GetBlocksArgs. */
export const GetBlocksArgsIdl = named('GetBlocksArgs', IDL.Vec(IDL.Record({ start: IDL.Nat, length: IDL.Nat })));

/** Candid type of GetBlocksResult (recursive through the archive callback's type). */
export const GetBlocksResultIdl = namedRecursive('GetBlocksResult', (self) =>
  IDL.Record({
    log_length: IDL.Nat,
    blocks: IDL.Vec(IDL.Record({ id: IDL.Nat, block: ValueIdl })),
    archived_blocks: IDL.Vec(IDL.Record({ args: GetBlocksArgsIdl, callback: IDL.Func([GetBlocksArgsIdl], [self], ['query']) }))
  })
);

/** Candid type of the icrc3_get_archives argument. */
export const GetArchivesArgsIdl = named('GetArchivesArgs', IDL.Record({ from: IDL.Opt(IDL.Principal) }));

/** Candid type of the icrc3_get_archives reply. */
export const GetArchivesResultIdl = named(
  'GetArchivesResult',
  IDL.Vec(IDL.Record({ canister_id: IDL.Principal, start: IDL.Nat, end: IDL.Nat }))
);

/** Candid type of a tip certificate. */
export const DataCertificateIdl = named(
  'DataCertificate',
  IDL.Record({ certificate: IDL.Vec(IDL.Nat8), hash_tree: IDL.Vec(IDL.Nat8) })
);

/** A block type or standard this canister supports, with where it is specified. */
export interface Supported {
  name: string;
  url: string;
}

/** Candid type of an ICRC-10 supported standard. */
export const SupportedStandardIdl = named('SupportedStandard', IDL.Record({ name: IDL.Text, url: IDL.Text }));

/** Candid type of an icrc3_supported_block_types entry. */
export const BlockTypeIdl = named('BlockType', IDL.Record({ block_type: IDL.Text, url: IDL.Text }));

const ICRC7_URL = 'https://github.com/dfinity/ICRC/blob/main/ICRCs/ICRC-7/ICRC-7.md';
const ICRC37_URL = 'https://github.com/dfinity/ICRC/blob/main/ICRCs/ICRC-37/ICRC-37.md';

/** Every block type this log contains. */
export const BLOCK_TYPES: Array<{ block_type: string; url: string }> = [
  ...['7mint', '7burn', '7xfer', '7update_token'].map((block_type) => ({ block_type, url: ICRC7_URL })),
  ...['37approve', '37approve_coll', '37revoke', '37revoke_coll', '37xfer'].map((block_type) => ({ block_type, url: ICRC37_URL }))
];

/** The standards icrc10_supported_standards lists (ICRC-7 and ICRC-10 with the URLs ICRC-7 prescribes). */
export const SUPPORTED_STANDARDS: Supported[] = [
  { name: 'ICRC-7', url: 'https://github.com/dfinity/ICRC/ICRCs/ICRC-7' },
  { name: 'ICRC-10', url: 'https://github.com/dfinity/ICRC/ICRCs/ICRC-10' },
  { name: 'ICRC-37', url: 'https://github.com/dfinity/ICRC/ICRCs/ICRC-37' },
  { name: 'ICRC-3', url: 'https://github.com/dfinity/ICRC-1/tree/main/standards/ICRC-3' }
];
