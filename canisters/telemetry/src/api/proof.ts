import { CommonErrorIdl, named, resultIdl } from '@chargex/common';
import { IDL } from 'azle';

import { StoredReading, StoredReadingIdl } from './reading';

/** The wire contract of anchoring: Merkle proofs of stored readings and the certified batch roots. */

/** One step of a Merkle path (see `@chargex/common` anchoring/merkle.ts for the hashing). */
export interface ProofStepWire {
  sibling: Uint8Array;
  sibling_on_left: boolean;
}
const ProofStepIdl = named('ProofStep', IDL.Record({ sibling: IDL.Vec(IDL.Nat8), sibling_on_left: IDL.Bool }));

/** The path from a batch root to the certified root, present while the batch is among the newest certified. */
export interface CertifiedPath {
  path: ProofStepWire[];
  certified_root: Uint8Array;
}

/**
 * Everything a client needs to check a stored reading: rebuild its canonical bytes from `device_id`, `sequence`
 * and `reading` (`@chargex/common` anchoring/canonical_reading.ts), hash them into the leaf, fold `batch_path` to `batch_root`,
 * then fold leafHash(u64 batch number || batch root) along `certified.path` to the certified data, which
 * `certificate` (when the query runs non-replicated) signs.
 */
export interface ReadingProof {
  device_id: string;
  sequence: bigint;
  reading: StoredReading;
  leaf_index: number;
  batch_path: ProofStepWire[];
  batch_root: Uint8Array;
  certified: [] | [CertifiedPath];
  certificate: [] | [Uint8Array];
}
const ReadingProofIdl = named(
  'ReadingProof',
  IDL.Record({
    device_id: IDL.Text,
    sequence: IDL.Nat64,
    reading: StoredReadingIdl,
    leaf_index: IDL.Nat32,
    batch_path: IDL.Vec(ProofStepIdl),
    batch_root: IDL.Vec(IDL.Nat8),
    certified: IDL.Opt(named('CertifiedPath', IDL.Record({ path: IDL.Vec(ProofStepIdl), certified_root: IDL.Vec(IDL.Nat8) }))),
    certificate: IDL.Opt(IDL.Vec(IDL.Nat8))
  })
);

/** The certified ring: its root (the certified data) and the batch roots it holds. */
export interface CertifiedRootsView {
  certified_root: Uint8Array;
  capacity: number;
  roots: Array<{ batch_number: bigint; root: Uint8Array }>;
  certificate: [] | [Uint8Array];
}
export const CertifiedRootsViewIdl = named(
  'CertifiedRoots',
  IDL.Record({
    certified_root: IDL.Vec(IDL.Nat8),
    capacity: IDL.Nat32,
    roots: IDL.Vec(IDL.Record({ batch_number: IDL.Nat64, root: IDL.Vec(IDL.Nat8) })),
    certificate: IDL.Opt(IDL.Vec(IDL.Nat8))
  })
);

export const ReadingProofResultIdl = resultIdl(ReadingProofIdl, CommonErrorIdl);
