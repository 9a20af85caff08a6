import { decode, encode, encodeWithSelfDescribedTag } from '@dfinity/cbor';

/** CBOR as the IC HTTP interface writes it: self-described (tag 55799), maps with text keys. */
export function encodeCbor(value: unknown): Uint8Array {
  return encodeWithSelfDescribedTag(value as never);
}

/** CBOR without the self-described tag, for values nested inside the state tree (canister ranges). */
export function encodeCborUntagged(value: unknown): Uint8Array {
  return encode(value as never);
}

/** Decodes a request body; throws the decoder's error for malformed input. */
export function decodeCbor(bytes: Uint8Array): unknown {
  if (bytes.length === 0) throw new Error('empty body');
  return decode(bytes);
}

/** Drops absent optional fields: the wire format omits them rather than encoding CBOR `undefined`. */
export function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
