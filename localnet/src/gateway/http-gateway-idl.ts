/**
 * The canister HTTP interface of the HTTP Gateway Protocol (dfinity/interface-spec
 * `spec/http-gateway-protocol-spec.md`), as the gateway sees it. The streaming token's type is the canister's
 * choice, so it is decoded as `IDL.Unknown`, which keeps the value's wire type, and sent back in that type.
 */
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

export type HeaderField = [string, string];

const HeaderFieldType = IDL.Tuple(IDL.Text, IDL.Text);

export const HttpRequestType = IDL.Record({
  method: IDL.Text,
  url: IDL.Text,
  headers: IDL.Vec(HeaderFieldType),
  body: IDL.Vec(IDL.Nat8),
  certificate_version: IDL.Opt(IDL.Nat16),
});

/** What `http_request_update` takes: the request without `certificate_version`. */
export const HttpUpdateRequestType = IDL.Record({
  method: IDL.Text,
  url: IDL.Text,
  headers: IDL.Vec(HeaderFieldType),
  body: IDL.Vec(IDL.Nat8),
});

export const HttpResponseType = IDL.Record({
  status_code: IDL.Nat16,
  headers: IDL.Vec(HeaderFieldType),
  body: IDL.Vec(IDL.Nat8),
  upgrade: IDL.Opt(IDL.Bool),
  streaming_strategy: IDL.Opt(IDL.Variant({ Callback: IDL.Record({ callback: IDL.Unknown, token: IDL.Unknown }) })),
});

export const StreamingCallbackResponseType = IDL.Opt(IDL.Record({ body: IDL.Vec(IDL.Nat8), token: IDL.Opt(IDL.Unknown) }));

/** A value decoded as `IDL.Unknown`: it carries its wire type. */
export type UnknownValue = object & { type(): IDL.Type };

export interface HttpResponse {
  status_code: number;
  headers: HeaderField[];
  body: Uint8Array;
  upgrade: [] | [boolean];
  streaming_strategy: [] | [{ Callback: { callback: [Principal, string] & UnknownValue; token: UnknownValue } }];
}

export type StreamingCallbackResponse = [] | [{ body: Uint8Array; token: [] | [UnknownValue] }];

/** Candid bytes of a token as the canister typed it. */
export function encodeToken(token: UnknownValue): Uint8Array {
  // A token of primitive type was boxed so it could carry its type; encoding wants the primitive.
  const value = token instanceof String || token instanceof Number || token instanceof Boolean || token instanceof BigInt
    ? token.valueOf()
    : token;
  return new Uint8Array(IDL.encode([token.type()], [value]));
}
