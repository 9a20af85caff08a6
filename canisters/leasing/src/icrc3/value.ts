import { IDL } from 'azle';

import { namedRecursive } from './named_recursive';

/** The generic ICRC-3 value: blocks, token metadata and collection metadata are all made of it. */
export type Value =
  | { Blob: Uint8Array }
  | { Text: string }
  | { Nat: bigint }
  | { Int: bigint }
  | { Array: Value[] }
  | { Map: Array<[string, Value]> };

/** A `Map` value's entries, as metadata methods return them. */
export type ValueMap = Array<[string, Value]>;

/** Candid type of Value. */
export const ValueIdl = namedRecursive('Value', (self) =>
  IDL.Variant({
    Blob: IDL.Vec(IDL.Nat8),
    Text: IDL.Text,
    Nat: IDL.Nat,
    Int: IDL.Int,
    Array: IDL.Vec(self),
    Map: IDL.Vec(IDL.Tuple(IDL.Text, self))
  })
);

/** Candid type of a metadata listing `vec record { text; Value }`. */
export const ValueMapIdl = IDL.Vec(IDL.Tuple(IDL.Text, ValueIdl));

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
