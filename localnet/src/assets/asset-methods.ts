import type { Principal } from '@dfinity/principal';
import { AssetError, PermissionError } from './asset-errors.js';
import type {
  CommitBatchArguments,
  ConfigurationResponse,
  ConfigureArguments,
  CreateAssetArguments,
  HttpRequest,
  PermissionVariant,
  SetAssetContentArguments,
  SetAssetPropertiesArguments,
  StreamingCallbackToken,
} from './asset-idl.js';
import type { AssetCanisterState } from './asset-state.js';
import { chunkCount, chunkOf, type AssetEncoding } from './asset-table.js';
import { computeEvidence } from './evidence.js';
import { serveHttp, streamChunk, type ResponseCertifier } from './http-serving.js';
import type { Permission } from './permissions.js';

/** What a method knows about its call besides the arguments. */
export interface CallEnvironment {
  caller: Principal;
  canisterId: Principal;
  nowNs: bigint;
  isController(principal: Principal): boolean;
  /** For queries run where the subnet certifies the canister's data: what certifies HTTP responses. */
  certifier?: ResponseCertifier;
}

/**
 * One method of the asset canister. `guard` names the permission the caller needs (controllers always pass);
 * `reads` marks updates that change nothing, so nothing is saved after them.
 */
export interface AssetMethod {
  kind: 'query' | 'update';
  guard?: Permission | 'controller';
  reads?: true;
  /** `args` were decoded against the method's IDL, so each method may declare their shape as a tuple. */
  run(state: AssetCanisterState, args: any[], env: CallEnvironment): unknown;
}

/** What dfx's current asset canister answers to `api_version`. */
const API_VERSION = 2;

const query = (run: AssetMethod['run']): AssetMethod => ({ kind: 'query', run });
const update = (guard: AssetMethod['guard'], run: AssetMethod['run']): AssetMethod => ({ kind: 'update', guard, run });
const readingUpdate = (guard: AssetMethod['guard'], run: AssetMethod['run']): AssetMethod => ({ kind: 'update', guard, reads: true, run });

/** The methods of dfx's asset canister (assets.did), by name. */
export const ASSET_METHODS: Record<string, AssetMethod> = {
  api_version: query(() => API_VERSION),

  get: query((state, [arg]: [{ key: string; accept_encodings: string[] }]) => {
    const { asset } = state.assets.get(arg.key);
    const name = arg.accept_encodings.find((encoding) => asset.encodings.has(encoding));
    if (!name) throw new AssetError('no such encoding');
    const encoding = asset.encodings.get(name)!;
    return {
      content: chunkOf(encoding, 0),
      content_type: asset.contentType,
      content_encoding: name,
      sha256: [encoding.sha256],
      total_length: BigInt(encoding.content.length),
    };
  }),

  get_chunk: query((state, [arg]: [{ key: string; content_encoding: string; index: bigint; sha256: [] | [Uint8Array] }]) => {
    const { asset } = state.assets.get(arg.key);
    const encoding = asset.encodings.get(arg.content_encoding);
    if (!encoding) throw new AssetError('no such encoding');
    requireSha256(encoding, arg.sha256);
    return { content: chunkOf(encoding, Number(arg.index)) };
  }),

  list: query((state) =>
    state.assets.keys().map((key) => {
      const asset = state.assets.exact(key);
      return {
        key,
        content_type: asset.contentType,
        encodings: [...asset.encodings.keys()].sort().map((name) => {
          const encoding = asset.encodings.get(name)!;
          return {
            content_encoding: name,
            sha256: [encoding.sha256],
            length: BigInt(encoding.content.length),
            modified: encoding.modifiedNs,
          };
        }),
      };
    }),
  ),

  retrieve: query((state, [key]: [string]) => {
    const encoding = state.assets.get(key).asset.encodings.get('identity');
    if (!encoding) throw new AssetError('no identity encoding');
    if (chunkCount(encoding) > 1) throw new AssetError('Asset too large. Use get() and get_chunk() instead.');
    return encoding.content;
  }),

  http_request: query((state, [request]: [HttpRequest], env) =>
    serveHttp(state.assets, request, [env.canisterId, 'http_request_streaming_callback'], env.certifier),
  ),

  http_request_streaming_callback: query((state, [token]: [StreamingCallbackToken]) => [streamChunk(state.assets, token)]),

  get_asset_properties: query((state, [key]: [string]) => {
    const asset = state.assets.exact(key);
    return {
      max_age: optional(asset.maxAge),
      headers: optional(asset.headers),
      allow_raw_access: optional(asset.allowRawAccess),
      is_aliased: optional(asset.isAliased),
    };
  }),

  create_batch: update('Prepare', (state, _args, env) => ({ batch_id: state.batches.create(env.nowNs) })),

  create_chunk: update('Prepare', (state, [arg]: [{ batch_id: bigint; content: Uint8Array }], env) => ({
    chunk_id: state.batches.addChunks(arg.batch_id, [arg.content], env.nowNs)[0],
  })),

  create_chunks: update('Prepare', (state, [arg]: [{ batch_id: bigint; content: Uint8Array[] }], env) => ({
    chunk_ids: state.batches.addChunks(arg.batch_id, arg.content, env.nowNs),
  })),

  commit_batch: update('Commit', (state, [arg]: [CommitBatchArguments], env) => state.commitBatch(arg, env.nowNs)),

  propose_commit_batch: update('Prepare', (state, [arg]: [CommitBatchArguments]) => state.batches.propose(arg)),

  compute_evidence: update('Prepare', (state, [arg]: [{ batch_id: bigint }]) => {
    const batch = state.batches.batches.get(arg.batch_id);
    if (!batch) throw new AssetError('batch not found');
    if (!batch.proposal) throw new AssetError('batch does not have CommitBatchArguments');
    batch.evidence ??= computeEvidence(batch.proposal.operations, (id) => state.batches.chunks.get(id)?.content);
    return [batch.evidence];
  }),

  commit_proposed_batch: update('Commit', (state, [arg]: [{ batch_id: bigint; evidence: Uint8Array }], env) =>
    state.commitBatch(state.batches.proposalMatching(arg.batch_id, arg.evidence), env.nowNs),
  ),

  delete_batch: update('Prepare', (state, [arg]: [{ batch_id: bigint }]) => state.batches.delete(arg.batch_id)),

  create_asset: update('Commit', (state, [arg]: [CreateAssetArguments], env) => state.apply({ CreateAsset: arg }, env.nowNs)),
  set_asset_content: update('Commit', (state, [arg]: [SetAssetContentArguments], env) => state.apply({ SetAssetContent: arg }, env.nowNs)),
  unset_asset_content: update('Commit', (state, [arg]: [{ key: string; content_encoding: string }], env) =>
    state.apply({ UnsetAssetContent: arg }, env.nowNs),
  ),
  delete_asset: update('Commit', (state, [arg]: [{ key: string }], env) => state.apply({ DeleteAsset: arg }, env.nowNs)),
  clear: update('Commit', (state, _args, env) => state.apply({ Clear: {} }, env.nowNs)),

  store: update(
    'Commit',
    (state, [arg]: [{ key: string; content_type: string; content_encoding: string; content: Uint8Array; sha256: [] | [Uint8Array] }], env) =>
      state.assets.store(arg.key, arg.content_type, arg.content_encoding, arg.content, arg.sha256[0], env.nowNs),
  ),

  set_asset_properties: update('Commit', (state, [arg]: [SetAssetPropertiesArguments]) => state.setProperties(arg)),

  authorize: update('ManagePermissions', (state, [principal]: [Principal]) => state.permissions.grant(principal, 'Commit')),

  deauthorize: update(undefined, (state, [principal]: [Principal], env) => {
    // Giving up one's own Commit permission needs nothing more; taking someone else's is for controllers.
    if (principal.compareTo(env.caller) === 'eq') requireAllowed(state, env, 'Commit');
    else if (!env.isController(env.caller)) throw new PermissionError('Caller is not a controller.');
    state.permissions.revoke(principal, 'Commit');
  }),

  list_authorized: readingUpdate(undefined, (state) => state.permissions.list('Commit')),

  grant_permission: update('ManagePermissions', (state, [arg]: [{ to_principal: Principal; permission: PermissionVariant }]) =>
    state.permissions.grant(arg.to_principal, permissionOf(arg.permission)),
  ),

  revoke_permission: update(undefined, (state, [arg]: [{ of_principal: Principal; permission: PermissionVariant }], env) => {
    const permission = permissionOf(arg.permission);
    requireAllowed(state, env, arg.of_principal.compareTo(env.caller) === 'eq' ? permission : 'ManagePermissions');
    state.permissions.revoke(arg.of_principal, permission);
  }),

  list_permitted: readingUpdate(undefined, (state, [arg]: [{ permission: PermissionVariant }]) =>
    state.permissions.list(permissionOf(arg.permission)),
  ),

  take_ownership: update('controller', (state, _args, env) => state.permissions.resetTo(env.caller)),

  get_configuration: readingUpdate('Prepare', (state): ConfigurationResponse => {
    const { maxBatches, maxChunks, maxBytes } = state.batches.limits;
    return { max_batches: optional(maxBatches), max_chunks: optional(maxChunks), max_bytes: optional(maxBytes) };
  }),

  configure: update('Commit', (state, [arg]: [ConfigureArguments]) => {
    const limits = state.batches.limits;
    if (arg.max_batches[0]) limits.maxBatches = arg.max_batches[0][0];
    if (arg.max_chunks[0]) limits.maxChunks = arg.max_chunks[0][0];
    if (arg.max_bytes[0]) limits.maxBytes = arg.max_bytes[0][0];
  }),

  validate_grant_permission: readingUpdate(undefined, (_state, [arg]: [{ to_principal: Principal; permission: PermissionVariant }]) => ({
    Ok: `grant ${permissionOf(arg.permission)} permission to principal ${arg.to_principal.toText()}`,
  })),
  validate_revoke_permission: readingUpdate(undefined, (_state, [arg]: [{ of_principal: Principal; permission: PermissionVariant }]) => ({
    Ok: `revoke ${permissionOf(arg.permission)} permission from principal ${arg.of_principal.toText()}`,
  })),
  validate_take_ownership: readingUpdate(undefined, () => ({ Ok: 'revoke all permissions, then gives the caller Commit permissions' })),
  validate_commit_proposed_batch: readingUpdate(undefined, (state, [arg]: [{ batch_id: bigint; evidence: Uint8Array }]) => {
    try {
      state.batches.proposalMatching(arg.batch_id, arg.evidence);
    } catch (error) {
      return { Err: (error as Error).message };
    }
    return { Ok: `commit proposed batch ${arg.batch_id} with evidence ${Buffer.from(arg.evidence).toString('hex')}` };
  }),
  validate_configure: readingUpdate(undefined, () => ({ Ok: 'configure' })),
};

/** Throws unless the caller is a controller or holds `permission` (Commit also grants Prepare). */
export function requireAllowed(state: AssetCanisterState, env: CallEnvironment, permission: Permission | 'controller'): void {
  if (env.isController(env.caller)) return;
  if (permission === 'controller') throw new PermissionError('Caller is not a controller.');
  if (state.permissions.can(env.caller, permission)) return;
  throw new PermissionError(
    permission === 'ManagePermissions'
      ? 'Caller does not have ManagePermissions permission and is not a controller.'
      : `Caller does not have ${permission} permission`,
  );
}

function requireSha256(encoding: AssetEncoding, sha256: [] | [Uint8Array]): void {
  if (!sha256[0]) throw new AssetError('sha256 required');
  if (Buffer.compare(sha256[0], encoding.sha256) !== 0) throw new AssetError('sha256 mismatch');
}

function permissionOf(variant: PermissionVariant): Permission {
  return Object.keys(variant)[0] as Permission;
}

function optional<T>(value: T | undefined): [] | [T] {
  return value === undefined ? [] : [value];
}
