/**
 * Candid interface of dfx's asset canister, from dfinity/sdk `src/canisters/frontend/ic-certified-assets/assets.did`
 * (the version with `create_chunks`, `last_chunk` and `api_version`), with the wire types its callers see.
 */
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

export type HeaderField = [string, string];
type Opt<T> = [] | [T];

export interface CreateAssetArguments {
  key: string;
  content_type: string;
  max_age: Opt<bigint>;
  headers: Opt<HeaderField[]>;
  enable_aliasing: Opt<boolean>;
  allow_raw_access: Opt<boolean>;
}

export interface SetAssetContentArguments {
  key: string;
  content_encoding: string;
  chunk_ids: bigint[];
  last_chunk: Opt<Uint8Array>;
  sha256: Opt<Uint8Array>;
}

export interface SetAssetPropertiesArguments {
  key: string;
  max_age: Opt<Opt<bigint>>;
  headers: Opt<Opt<HeaderField[]>>;
  allow_raw_access: Opt<Opt<boolean>>;
  is_aliased: Opt<Opt<boolean>>;
}

export type BatchOperation =
  | { CreateAsset: CreateAssetArguments }
  | { SetAssetContent: SetAssetContentArguments }
  | { SetAssetProperties: SetAssetPropertiesArguments }
  | { UnsetAssetContent: { key: string; content_encoding: string } }
  | { DeleteAsset: { key: string } }
  | { Clear: Record<string, never> };

export interface CommitBatchArguments {
  batch_id: bigint;
  operations: BatchOperation[];
}

export type PermissionVariant = { Commit: null } | { Prepare: null } | { ManagePermissions: null };

export interface HttpRequest {
  method: string;
  url: string;
  headers: HeaderField[];
  body: Uint8Array;
  certificate_version: Opt<number>;
}

export interface StreamingCallbackToken {
  key: string;
  content_encoding: string;
  index: bigint;
  sha256: Opt<Uint8Array>;
}

export interface HttpResponse {
  status_code: number;
  headers: HeaderField[];
  body: Uint8Array;
  upgrade: Opt<boolean>;
  streaming_strategy: Opt<{ Callback: { callback: [Principal, string]; token: StreamingCallbackToken } }>;
}

export interface StreamingCallbackHttpResponse {
  body: Uint8Array;
  token: Opt<StreamingCallbackToken>;
}

export interface ConfigurationResponse {
  max_batches: Opt<bigint>;
  max_chunks: Opt<bigint>;
  max_bytes: Opt<bigint>;
}

export interface ConfigureArguments {
  max_batches: Opt<Opt<bigint>>;
  max_chunks: Opt<Opt<bigint>>;
  max_bytes: Opt<Opt<bigint>>;
}

/** The asset canister's service, usable as an actor's IDL factory (`net.createActor(assetCanisterIdl, id)`). */
export const assetCanisterIdl: IDL.InterfaceFactory = ({ IDL: I }) => {
  const Key = I.Text;
  const BatchId = I.Nat;
  const ChunkId = I.Nat;
  const HeaderField = I.Tuple(I.Text, I.Text);
  const CreateAssetArguments = I.Record({
    key: Key,
    content_type: I.Text,
    max_age: I.Opt(I.Nat64),
    headers: I.Opt(I.Vec(HeaderField)),
    enable_aliasing: I.Opt(I.Bool),
    allow_raw_access: I.Opt(I.Bool),
  });
  const SetAssetContentArguments = I.Record({
    key: Key,
    content_encoding: I.Text,
    chunk_ids: I.Vec(ChunkId),
    last_chunk: I.Opt(I.Vec(I.Nat8)),
    sha256: I.Opt(I.Vec(I.Nat8)),
  });
  const UnsetAssetContentArguments = I.Record({ key: Key, content_encoding: I.Text });
  const DeleteAssetArguments = I.Record({ key: Key });
  const ClearArguments = I.Record({});
  const SetAssetPropertiesArguments = I.Record({
    key: Key,
    max_age: I.Opt(I.Opt(I.Nat64)),
    headers: I.Opt(I.Opt(I.Vec(HeaderField))),
    allow_raw_access: I.Opt(I.Opt(I.Bool)),
    is_aliased: I.Opt(I.Opt(I.Bool)),
  });
  const BatchOperationKind = I.Variant({
    CreateAsset: CreateAssetArguments,
    SetAssetContent: SetAssetContentArguments,
    SetAssetProperties: SetAssetPropertiesArguments,
    UnsetAssetContent: UnsetAssetContentArguments,
    DeleteAsset: DeleteAssetArguments,
    Clear: ClearArguments,
  });
  const CommitBatchArguments = I.Record({ batch_id: BatchId, operations: I.Vec(BatchOperationKind) });
  const CommitProposedBatchArguments = I.Record({ batch_id: BatchId, evidence: I.Vec(I.Nat8) });
  const ComputeEvidenceArguments = I.Record({ batch_id: BatchId, max_iterations: I.Opt(I.Nat16) });
  const DeleteBatchArguments = I.Record({ batch_id: BatchId });
  const HttpRequest = I.Record({
    method: I.Text,
    url: I.Text,
    headers: I.Vec(HeaderField),
    body: I.Vec(I.Nat8),
    certificate_version: I.Opt(I.Nat16),
  });
  const StreamingCallbackToken = I.Record({
    key: Key,
    content_encoding: I.Text,
    index: I.Nat,
    sha256: I.Opt(I.Vec(I.Nat8)),
  });
  const StreamingCallbackHttpResponse = I.Record({ body: I.Vec(I.Nat8), token: I.Opt(StreamingCallbackToken) });
  const StreamingStrategy = I.Variant({
    Callback: I.Record({
      callback: I.Func([StreamingCallbackToken], [I.Opt(StreamingCallbackHttpResponse)], ['query']),
      token: StreamingCallbackToken,
    }),
  });
  const HttpResponse = I.Record({
    status_code: I.Nat16,
    headers: I.Vec(HeaderField),
    body: I.Vec(I.Nat8),
    streaming_strategy: I.Opt(StreamingStrategy),
    upgrade: I.Opt(I.Bool),
  });
  const Permission = I.Variant({ Commit: I.Null, ManagePermissions: I.Null, Prepare: I.Null });
  const GrantPermission = I.Record({ to_principal: I.Principal, permission: Permission });
  const RevokePermission = I.Record({ of_principal: I.Principal, permission: Permission });
  const ListPermitted = I.Record({ permission: Permission });
  const ConfigurationResponse = I.Record({
    max_batches: I.Opt(I.Nat64),
    max_chunks: I.Opt(I.Nat64),
    max_bytes: I.Opt(I.Nat64),
  });
  const ConfigureArguments = I.Record({
    max_batches: I.Opt(I.Opt(I.Nat64)),
    max_chunks: I.Opt(I.Opt(I.Nat64)),
    max_bytes: I.Opt(I.Opt(I.Nat64)),
  });
  const ValidationResult = I.Variant({ Ok: I.Text, Err: I.Text });
  const AssetEncodingDetails = I.Record({
    content_encoding: I.Text,
    sha256: I.Opt(I.Vec(I.Nat8)),
    length: I.Nat,
    modified: I.Int,
  });

  return I.Service({
    api_version: I.Func([], [I.Nat16], ['query']),
    get: I.Func(
      [I.Record({ key: Key, accept_encodings: I.Vec(I.Text) })],
      [
        I.Record({
          content: I.Vec(I.Nat8),
          content_type: I.Text,
          content_encoding: I.Text,
          sha256: I.Opt(I.Vec(I.Nat8)),
          total_length: I.Nat,
        }),
      ],
      ['query'],
    ),
    get_chunk: I.Func(
      [I.Record({ key: Key, content_encoding: I.Text, index: I.Nat, sha256: I.Opt(I.Vec(I.Nat8)) })],
      [I.Record({ content: I.Vec(I.Nat8) })],
      ['query'],
    ),
    list: I.Func(
      [I.Record({})],
      [I.Vec(I.Record({ key: Key, content_type: I.Text, encodings: I.Vec(AssetEncodingDetails) }))],
      ['query'],
    ),
    retrieve: I.Func([Key], [I.Vec(I.Nat8)], ['query']),
    create_batch: I.Func([I.Record({})], [I.Record({ batch_id: BatchId })], []),
    create_chunk: I.Func([I.Record({ batch_id: BatchId, content: I.Vec(I.Nat8) })], [I.Record({ chunk_id: ChunkId })], []),
    create_chunks: I.Func(
      [I.Record({ batch_id: BatchId, content: I.Vec(I.Vec(I.Nat8)) })],
      [I.Record({ chunk_ids: I.Vec(ChunkId) })],
      [],
    ),
    commit_batch: I.Func([CommitBatchArguments], [], []),
    propose_commit_batch: I.Func([CommitBatchArguments], [], []),
    commit_proposed_batch: I.Func([CommitProposedBatchArguments], [], []),
    compute_evidence: I.Func([ComputeEvidenceArguments], [I.Opt(I.Vec(I.Nat8))], []),
    delete_batch: I.Func([DeleteBatchArguments], [], []),
    create_asset: I.Func([CreateAssetArguments], [], []),
    set_asset_content: I.Func([SetAssetContentArguments], [], []),
    unset_asset_content: I.Func([UnsetAssetContentArguments], [], []),
    delete_asset: I.Func([DeleteAssetArguments], [], []),
    clear: I.Func([ClearArguments], [], []),
    store: I.Func(
      [
        I.Record({
          key: Key,
          content_type: I.Text,
          content_encoding: I.Text,
          content: I.Vec(I.Nat8),
          sha256: I.Opt(I.Vec(I.Nat8)),
        }),
      ],
      [],
      [],
    ),
    http_request: I.Func([HttpRequest], [HttpResponse], ['query']),
    http_request_streaming_callback: I.Func([StreamingCallbackToken], [I.Opt(StreamingCallbackHttpResponse)], ['query']),
    authorize: I.Func([I.Principal], [], []),
    deauthorize: I.Func([I.Principal], [], []),
    list_authorized: I.Func([], [I.Vec(I.Principal)], []),
    grant_permission: I.Func([GrantPermission], [], []),
    revoke_permission: I.Func([RevokePermission], [], []),
    list_permitted: I.Func([ListPermitted], [I.Vec(I.Principal)], []),
    take_ownership: I.Func([], [], []),
    get_asset_properties: I.Func(
      [Key],
      [
        I.Record({
          max_age: I.Opt(I.Nat64),
          headers: I.Opt(I.Vec(HeaderField)),
          allow_raw_access: I.Opt(I.Bool),
          is_aliased: I.Opt(I.Bool),
        }),
      ],
      ['query'],
    ),
    set_asset_properties: I.Func([SetAssetPropertiesArguments], [], []),
    get_configuration: I.Func([], [ConfigurationResponse], []),
    configure: I.Func([ConfigureArguments], [], []),
    validate_grant_permission: I.Func([GrantPermission], [ValidationResult], []),
    validate_revoke_permission: I.Func([RevokePermission], [ValidationResult], []),
    validate_take_ownership: I.Func([], [ValidationResult], []),
    validate_commit_proposed_batch: I.Func([CommitProposedBatchArguments], [ValidationResult], []),
    validate_configure: I.Func([ConfigureArguments], [ValidationResult], []),
  });
};

/** The service's methods with their argument and result types, for the native implementation to decode and encode. */
export const assetCanisterService = assetCanisterIdl({ IDL });

/** The CommitBatchArguments type on its own, to keep a proposed batch durable in candid form. */
export const CommitBatchArgumentsType = assetCanisterService._fields.find(([name]) => name === 'commit_batch')![1].argTypes[0]!;
