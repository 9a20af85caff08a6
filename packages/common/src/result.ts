import { IDL } from '@dfinity/candid';

/** The TypeScript shape of a candid `variant { Ok: T; Err: E }`. */
export type Result<T, E> = { Ok: T } | { Err: E };

/** Builds the candid type `variant { Ok: ok; Err: err }`. */
export function resultIdl(ok: IDL.Type, err: IDL.Type): IDL.VariantClass {
  return IDL.Variant({ Ok: ok, Err: err });
}

/** Wraps a success value. */
export function ok<T>(value: T): { Ok: T } {
  return { Ok: value };
}

/** Wraps an error value. */
export function err<E>(error: E): { Err: E } {
  return { Err: error };
}

/** Narrows a result to its error arm. */
export function isErr<T, E>(result: Result<T, E>): result is { Err: E } {
  return 'Err' in result;
}
