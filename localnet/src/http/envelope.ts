import { Principal } from '@dfinity/principal';
import { decodeCbor } from './cbor.js';
import { MalformedRequestError } from './errors.js';
import { hashOfMap, requestIdOf } from './representation-hash.js';

// ---------------------------------------------------------------- wire types (spec "Authentication")

/** The authentication envelope as it arrives in CBOR. */
interface EncodedEnvelope {
  content: Record<string, unknown>;
  sender_pubkey?: Uint8Array;
  sender_sig?: Uint8Array;
  sender_delegation?: EncodedSignedDelegation[];
}

interface EncodedSignedDelegation {
  delegation: Record<string, unknown> & { pubkey: Uint8Array; expiration: number | bigint; targets?: Uint8Array[] };
  signature: Uint8Array;
}

// ---------------------------------------------------------------- public types

type RequestType = 'call' | 'query' | 'read_state';

interface CommonContent {
  sender: Principal;
  ingressExpiry: bigint;
  nonce?: Uint8Array;
}

/** An update call, or a query, as its `content` map says. */
export interface CallContent extends CommonContent {
  requestType: 'call' | 'query';
  canisterId: Principal;
  methodName: string;
  arg: Uint8Array;
}

export interface ReadStateContent extends CommonContent {
  requestType: 'read_state';
  paths: Uint8Array[][];
}

/** One link of a delegation chain, with the hash its signature covers. */
export interface SignedDelegation {
  pubkey: Uint8Array;
  expiration: bigint;
  targets?: Principal[];
  signedHash: Uint8Array;
  signature: Uint8Array;
}

export type SenderProof =
  | { kind: 'anonymous' }
  | { kind: 'signed'; publicKey: Uint8Array; signature: Uint8Array; delegations: SignedDelegation[] };

/** A decoded request: its content, its request id (hash of the content as sent) and how it is signed. */
export interface SignedRequest<C> {
  content: C;
  requestId: Uint8Array;
  proof: SenderProof;
}

/** Limits of the spec: a delegation chain of at most 20 links with at most 1000 targets each. */
const MAX_DELEGATIONS = 20;
const MAX_DELEGATION_TARGETS = 1000;
const MAX_NONCE_BYTES = 32;
const MAX_PRINCIPAL_BYTES = 29;
const ANONYMOUS = Principal.anonymous();

/** Decodes and shape-checks a call or query envelope; throws `MalformedRequestError`. */
export function decodeCallRequest(body: Uint8Array, requestType: 'call' | 'query'): SignedRequest<CallContent> {
  return decodeRequest(body, requestType, (content, common) => ({
    ...common,
    requestType,
    canisterId: principal(content.canister_id, 'canister_id'),
    methodName: text(content.method_name, 'method_name'),
    arg: blob(content.arg, 'arg'),
  }));
}

export function decodeReadStateRequest(body: Uint8Array): SignedRequest<ReadStateContent> {
  return decodeRequest(body, 'read_state', (content, common) => {
    if (!Array.isArray(content.paths)) throw malformed('paths must be an array of paths');
    const paths = content.paths.map((path: unknown) => {
      if (!Array.isArray(path)) throw malformed('a path must be an array of blobs');
      return path.map((label: unknown) => blob(label, 'path label'));
    });
    return { ...common, requestType: 'read_state', paths };
  });
}

function decodeRequest<C>(
  body: Uint8Array,
  requestType: RequestType,
  decodeContent: (content: Record<string, unknown>, common: CommonContent) => C,
): SignedRequest<C> {
  let decoded: unknown;
  try {
    decoded = decodeCbor(body);
  } catch (error) {
    throw new MalformedRequestError(`Could not parse body as ${requestType} request: ${(error as Error).message}`, { cause: error });
  }
  const envelope = asMap(decoded, 'the request') as unknown as EncodedEnvelope;
  const content = asMap(envelope.content, 'content');
  if (content.request_type !== requestType) {
    throw malformed(`request_type must be "${requestType}", got ${JSON.stringify(String(content.request_type))}`);
  }
  const common: CommonContent = {
    sender: principal(content.sender, 'sender'),
    ingressExpiry: nat(content.ingress_expiry, 'ingress_expiry'),
  };
  if (content.nonce !== undefined) {
    common.nonce = blob(content.nonce, 'nonce');
    if (common.nonce.length > MAX_NONCE_BYTES) throw malformed(`nonce is longer than ${MAX_NONCE_BYTES} bytes`);
  }
  let requestId: Uint8Array;
  try {
    requestId = requestIdOf(content);
  } catch (error) {
    throw malformed(`content cannot be hashed: ${(error as Error).message}`);
  }
  return { content: decodeContent(content, common), requestId, proof: senderProof(envelope, common.sender) };
}

function senderProof(envelope: EncodedEnvelope, sender: Principal): SenderProof {
  const { sender_pubkey: publicKey, sender_sig: signature, sender_delegation: delegations } = envelope;
  if (sender.compareTo(ANONYMOUS) === 'eq') {
    if (publicKey !== undefined || signature !== undefined || delegations !== undefined) {
      throw malformed('an anonymous request must not carry sender_pubkey, sender_sig or sender_delegation');
    }
    return { kind: 'anonymous' };
  }
  if (publicKey === undefined || signature === undefined) {
    throw malformed('a request from a non-anonymous sender needs sender_pubkey and sender_sig');
  }
  const chain = delegations === undefined ? [] : delegations;
  if (!Array.isArray(chain)) throw malformed('sender_delegation must be an array');
  if (chain.length > MAX_DELEGATIONS) {
    throw malformed(`Invalid delegation: chain of ${chain.length} delegations is longer than the maximum of ${MAX_DELEGATIONS}`);
  }
  return {
    kind: 'signed',
    publicKey: blob(publicKey, 'sender_pubkey'),
    signature: blob(signature, 'sender_sig'),
    delegations: chain.map(signedDelegation),
  };
}

function signedDelegation(encoded: unknown): SignedDelegation {
  const { delegation, signature } = asMap(encoded, 'a signed delegation') as unknown as EncodedSignedDelegation;
  const fields = asMap(delegation, 'delegation');
  const decoded: SignedDelegation = {
    pubkey: blob(fields.pubkey, 'delegation pubkey'),
    expiration: nat(fields.expiration, 'delegation expiration'),
    signedHash: hashOfMap(fields),
    signature: blob(signature, 'delegation signature'),
  };
  if (fields.targets !== undefined) {
    if (!Array.isArray(fields.targets)) throw malformed('delegation targets must be an array');
    if (fields.targets.length > MAX_DELEGATION_TARGETS) {
      throw malformed(`Invalid delegation: more than ${MAX_DELEGATION_TARGETS} targets`);
    }
    decoded.targets = fields.targets.map((target: unknown) => principal(target, 'delegation target'));
  }
  return decoded;
}

// ---------------------------------------------------------------- field readers

function asMap(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) {
    throw malformed(`${what} must be a CBOR map`);
  }
  return value as Record<string, unknown>;
}

function blob(value: unknown, field: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw malformed(`${field} must be a blob`);
  return value;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string') throw malformed(`${field} must be text`);
  return value;
}

function nat(value: unknown, field: string): bigint {
  if ((typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) || (typeof value === 'bigint' && value >= 0n)) {
    return BigInt(value);
  }
  throw malformed(`${field} must be a natural number`);
}

function principal(value: unknown, field: string): Principal {
  const bytes = blob(value, field);
  if (bytes.length > MAX_PRINCIPAL_BYTES) throw malformed(`${field} is longer than ${MAX_PRINCIPAL_BYTES} bytes`);
  return Principal.fromUint8Array(bytes);
}

function malformed(detail: string): MalformedRequestError {
  return new MalformedRequestError(`Could not parse request: ${detail}`);
}
