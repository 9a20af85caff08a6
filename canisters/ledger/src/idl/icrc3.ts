import { named } from '@chargex/common';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { Opt } from './icrc1';
import { namedRecursive } from './recursive_type';

/** ICRC-3 generic value: every block is served as one (a `Map`). */
export type Value =
  | { Blob: Uint8Array }
  | { Text: string }
  | { Nat: bigint }
  | { Int: bigint }
  | { Array: Value[] }
  | { Map: Array<[string, Value]> };

/** Candid type of Value. */
export const ValueIdl = namedRecursive<Value>('ICRC3Value', (self) =>
  IDL.Variant({
    Blob: IDL.Vec(IDL.Nat8),
    Text: IDL.Text,
    Nat: IDL.Nat,
    Int: IDL.Int,
    Array: IDL.Vec(self),
    Map: IDL.Vec(IDL.Tuple(IDL.Text, self))
  })
);

/** One requested range of icrc3_get_blocks. */
export interface BlockRange {
  start: bigint;
  length: bigint;
}

/** Candid type of GetBlocksArgs (a list of ranges). */
export const GetBlocksArgsIdl = named('GetBlocksArgs', IDL.Vec(IDL.Record({ start: IDL.Nat, length: IDL.Nat })));

/** Reply of icrc3_get_blocks. */
export interface GetBlocksResult {
  log_length: bigint;
  blocks: Array<{ id: bigint; block: Value }>;
  archived_blocks: Array<{ args: BlockRange[]; callback: [Principal, string] }>;
}

/** Candid type of GetBlocksResult. */
export const GetBlocksResultIdl = namedRecursive<GetBlocksResult>('GetBlocksResult', (self) =>
  IDL.Record({
    log_length: IDL.Nat,
    blocks: IDL.Vec(IDL.Record({ id: IDL.Nat, block: ValueIdl })),
    archived_blocks: IDL.Vec(
      IDL.Record({ args: GetBlocksArgsIdl, callback: IDL.Func([GetBlocksArgsIdl], [self], ['query']) })
    )
  })
);

/** Argument of icrc3_get_archives. */
export interface GetArchivesArgs {
  from: Opt<Principal>;
}

/** Candid type of GetArchivesArgs. */
export const GetArchivesArgsIdl = named('GetArchivesArgs', IDL.Record({ from: IDL.Opt(IDL.Principal) }));

/** Candid type of GetArchivesResult. */
export const GetArchivesResultIdl = named(
  'GetArchivesResult',
  IDL.Vec(IDL.Record({ canister_id: IDL.Principal, start: IDL.Nat, end: IDL.Nat }))
);

/** Reply of icrc3_get_tip_certificate. */
export interface DataCertificate {
  certificate: Uint8Array;
  hash_tree: Uint8Array;
}

/** Candid type of ICRC3DataCertificate. */
export const DataCertificateIdl = named(
  'ICRC3DataCertificate',
  IDL.Record({ certificate: IDL.Vec(IDL.Nat8), hash_tree: IDL.Vec(IDL.Nat8) })
);

/** One entry of icrc3_supported_block_types. */
export interface SupportedBlockType {
  block_type: string;
  url: string;
}

/** Candid type of SupportedBlockType. */
export const SupportedBlockTypeIdl = named('SupportedBlockType', IDL.Record({ block_type: IDL.Text, url: IDL.Text }));
