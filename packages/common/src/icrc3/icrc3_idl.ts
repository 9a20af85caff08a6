import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { named, namedRecursive } from '../named_type';
import { Value } from './value';

/** One range of block indices asked of icrc3_get_blocks. */
export interface BlockRange {
  start: bigint;
  length: bigint;
}

/** A block with its index, as icrc3_get_blocks returns it. */
export interface IndexedBlock {
  id: bigint;
  block: Value;
}

/** What icrc3_get_blocks returns. */
export interface GetBlocksResult {
  log_length: bigint;
  blocks: IndexedBlock[];
  archived_blocks: Array<{ args: BlockRange[]; callback: [Principal, string] }>;
}

/** The argument of icrc3_get_archives. */
export interface GetArchivesArgs {
  from: [] | [Principal];
}

/** What icrc3_get_tip_certificate returns (inside an opt): the IC's certificate and the tree it certifies. */
export interface DataCertificate {
  certificate: Uint8Array;
  hash_tree: Uint8Array;
}

/** One entry of icrc3_supported_block_types. */
export interface SupportedBlockType {
  block_type: string;
  url: string;
}

/**
 * The names three ICRC-3 types have in a canister's generated .did. They differ between canisters (the ledger's
 * .did says ICRC3Value, leasing's Value) and clients generated from a published .did use them, so each canister
 * keeps its own.
 */
export interface Icrc3TypeNames {
  value: string;
  dataCertificate: string;
  supportedBlockType: string;
}

/** The candid types of the ICRC-3 methods (each named, so the .did declares it once). */
export interface Icrc3Idl {
  ValueIdl: IDL.RecClass<Value>;
  GetBlocksArgsIdl: IDL.RecClass;
  GetBlocksResultIdl: IDL.RecClass<GetBlocksResult>;
  GetArchivesArgsIdl: IDL.RecClass;
  GetArchivesResultIdl: IDL.RecClass;
  DataCertificateIdl: IDL.RecClass;
  SupportedBlockTypeIdl: IDL.RecClass;
}

/** The candid types of the ICRC-3 methods, the three of `names` named as the canister's .did names them. */
export function icrc3Idl(names: Icrc3TypeNames): Icrc3Idl {
  const ValueIdl = namedRecursive<Value>(names.value, (self) =>
    IDL.Variant({
      Blob: IDL.Vec(IDL.Nat8),
      Text: IDL.Text,
      Nat: IDL.Nat,
      Int: IDL.Int,
      Array: IDL.Vec(self),
      Map: IDL.Vec(IDL.Tuple(IDL.Text, self))
    })
  );
  const GetBlocksArgsIdl = named('GetBlocksArgs', IDL.Vec(IDL.Record({ start: IDL.Nat, length: IDL.Nat })));
  const GetBlocksResultIdl = namedRecursive<GetBlocksResult>('GetBlocksResult', (self) =>
    IDL.Record({
      log_length: IDL.Nat,
      blocks: IDL.Vec(IDL.Record({ id: IDL.Nat, block: ValueIdl })),
      archived_blocks: IDL.Vec(
        IDL.Record({ args: GetBlocksArgsIdl, callback: IDL.Func([GetBlocksArgsIdl], [self], ['query']) })
      )
    })
  );
  return {
    ValueIdl,
    GetBlocksArgsIdl,
    GetBlocksResultIdl,
    GetArchivesArgsIdl: named('GetArchivesArgs', IDL.Record({ from: IDL.Opt(IDL.Principal) })),
    GetArchivesResultIdl: named(
      'GetArchivesResult',
      IDL.Vec(IDL.Record({ canister_id: IDL.Principal, start: IDL.Nat, end: IDL.Nat }))
    ),
    DataCertificateIdl: named(
      names.dataCertificate,
      IDL.Record({ certificate: IDL.Vec(IDL.Nat8), hash_tree: IDL.Vec(IDL.Nat8) })
    ),
    SupportedBlockTypeIdl: named(
      names.supportedBlockType,
      IDL.Record({ block_type: IDL.Text, url: IDL.Text })
    )
  };
}
