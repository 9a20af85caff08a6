import { Value } from '@chargex/common';
import { IDL } from 'azle';

import { ICRC3_IDL } from './icrc3_types';

/** A `Map` value's entries, as metadata methods return them. */
export type ValueMap = Array<[string, Value]>;

/** Candid type of a metadata listing `vec record { text; Value }`. */
export const ValueMapIdl = IDL.Vec(IDL.Tuple(IDL.Text, ICRC3_IDL.ValueIdl));

/** A Text value. */
export const text = (value: string): Value => ({ Text: value });

/** A Nat value. */
export const nat = (value: bigint | number): Value => ({ Nat: BigInt(value) });

/** A Blob value. */
export const blob = (value: Uint8Array): Value => ({ Blob: value });

/** A Map value from entries, leaving out the ones whose value is undefined (optional block fields). */
export function map(entries: Array<[string, Value | undefined]>): Value {
  return { Map: entries.filter((entry): entry is [string, Value] => entry[1] !== undefined) };
}
