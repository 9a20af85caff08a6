import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { GetBlocksResult, icrc3Idl } from '../src/icrc3/icrc3_idl';

const ledgerTypes = icrc3Idl({ value: 'ICRC3Value', dataCertificate: 'ICRC3DataCertificate', supportedBlockType: 'SupportedBlockType' });
const leasingTypes = icrc3Idl({ value: 'Value', dataCertificate: 'DataCertificate', supportedBlockType: 'BlockType' });

/** ICRC-3.did's Value and GetBlocksResult written without names. */
const PlainValue = IDL.Rec();
PlainValue.fill(
  IDL.Variant({
    Blob: IDL.Vec(IDL.Nat8),
    Text: IDL.Text,
    Nat: IDL.Nat,
    Int: IDL.Int,
    Array: IDL.Vec(PlainValue),
    Map: IDL.Vec(IDL.Tuple(IDL.Text, PlainValue)),
  }),
);
const PlainArgs = IDL.Vec(IDL.Record({ start: IDL.Nat, length: IDL.Nat }));
const PlainResult = IDL.Rec();
PlainResult.fill(
  IDL.Record({
    log_length: IDL.Nat,
    blocks: IDL.Vec(IDL.Record({ id: IDL.Nat, block: PlainValue })),
    archived_blocks: IDL.Vec(IDL.Record({ args: PlainArgs, callback: IDL.Func([PlainArgs], [PlainResult], ['query']) })),
  }),
);

const result: GetBlocksResult = {
  log_length: 2n,
  blocks: [
    { id: 0n, block: { Map: [['btype', { Text: '1mint' }], ['tx', { Map: [['amt', { Nat: 5n }], ['memo', { Blob: Uint8Array.of(1) }]] }]] } },
    { id: 1n, block: { Array: [{ Int: -3n }, { Array: [] }] } },
  ],
  archived_blocks: [{ args: [{ start: 2n, length: 8n }], callback: [Principal.fromText('aaaaa-aa'), 'get_blocks'] }],
};

describe('ICRC-3 candid types', () => {
  it('carry the names each canister gives them', () => {
    expect(ledgerTypes.GetBlocksResultIdl.name).toBe('GetBlocksResult');
    expect(IDL.Vec(ledgerTypes.SupportedBlockTypeIdl).name).toBe('vec SupportedBlockType');
    expect(ledgerTypes.DataCertificateIdl.name).toBe('ICRC3DataCertificate');
    expect(leasingTypes.SupportedBlockTypeIdl.name).toBe('BlockType');
    expect(leasingTypes.DataCertificateIdl.name).toBe('DataCertificate');
    expect(IDL.Vec(leasingTypes.ValueIdl).name).toBe('vec Value');
  });

  it('decode what the unnamed ICRC-3 types encode, and the reverse, whichever the names', () => {
    for (const types of [ledgerTypes, leasingTypes]) {
      expect(IDL.decode([types.GetBlocksResultIdl], IDL.encode([PlainResult], [result]))[0]).toEqual(result);
      expect(IDL.decode([PlainResult], IDL.encode([types.GetBlocksResultIdl], [result]))[0]).toEqual(result);
    }
  });
});
