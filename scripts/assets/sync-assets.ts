import type { AssetConfig } from './ic-assets-config.js';
import type { SiteAsset } from './site-files.js';

type Opt<T> = [] | [T];
type HeaderField = [string, string];

/** What one create_chunks call carries at most: below the IC's 2 MiB ingress limit with room for candid. */
const CHUNK_CALL_BYTES = 1_900_000;

export type BatchOperation =
  | { CreateAsset: { key: string; content_type: string; max_age: Opt<bigint>; headers: Opt<HeaderField[]>; enable_aliasing: Opt<boolean>; allow_raw_access: Opt<boolean> } }
  | { SetAssetContent: { key: string; content_encoding: string; chunk_ids: bigint[]; last_chunk: Opt<Uint8Array>; sha256: Opt<Uint8Array> } }
  | { SetAssetProperties: { key: string; max_age: Opt<Opt<bigint>>; headers: Opt<Opt<HeaderField[]>>; allow_raw_access: Opt<Opt<boolean>>; is_aliased: Opt<Opt<boolean>> } }
  | { UnsetAssetContent: { key: string; content_encoding: string } }
  | { DeleteAsset: { key: string } };

/** The methods of dfx's asset canister (assets.did) that a sync uses. */
export interface AssetCanisterActor {
  list(arg: Record<string, never>): Promise<{ key: string; content_type: string; encodings: { content_encoding: string; sha256: Opt<Uint8Array> }[] }[]>;
  create_batch(arg: Record<string, never>): Promise<{ batch_id: bigint }>;
  create_chunks(arg: { batch_id: bigint; content: Uint8Array[] }): Promise<{ chunk_ids: bigint[] }>;
  commit_batch(arg: { batch_id: bigint; operations: BatchOperation[] }): Promise<void>;
}

export interface SyncReport {
  /** Encodings whose content was uploaded (new or changed). */
  uploaded: number;
  /** Encodings already stored with the same SHA-256. */
  unchanged: number;
  deleted: number;
}

/**
 * Makes the canister hold exactly `site`, as `dfx deploy` syncs an asset canister: one batch that creates new
 * assets, updates the properties of existing ones (headers and cache rules may change without the content),
 * uploads only encodings whose SHA-256 changed, drops encodings no longer wanted and deletes assets the site no
 * longer has. The commit applies all of it at once, so visitors never see half a site.
 */
export async function syncAssets(actor: AssetCanisterActor, site: SiteAsset[]): Promise<SyncReport> {
  const stored = new Map((await actor.list({})).map((asset) => [asset.key, asset]));
  const { batch_id } = await actor.create_batch({});
  const report: SyncReport = { uploaded: 0, unchanged: 0, deleted: 0 };
  const operations: (BatchOperation | { upload: { key: string; encoding: string; content: Uint8Array; sha256: Uint8Array } })[] = [];
  for (const asset of site) {
    let existing = stored.get(asset.key);
    if (existing && existing.content_type !== asset.contentType) {
      operations.push({ DeleteAsset: { key: asset.key } });
      existing = undefined;
    }
    operations.push(existing ? setProperties(asset.key, asset.config) : createAsset(asset));
    const storedSha = new Map(existing?.encodings.map((encoding) => [encoding.content_encoding, hex(encoding.sha256[0])]) ?? []);
    for (const [name, encoding] of asset.encodings) {
      if (storedSha.get(name) === hex(encoding.sha256)) report.unchanged++;
      else operations.push({ upload: { key: asset.key, encoding: name, ...encoding } });
    }
    for (const name of storedSha.keys()) {
      if (!asset.encodings.has(name)) operations.push({ UnsetAssetContent: { key: asset.key, content_encoding: name } });
    }
  }
  const keys = new Set(site.map((asset) => asset.key));
  for (const key of stored.keys()) {
    if (keys.has(key)) continue;
    operations.push({ DeleteAsset: { key } });
    report.deleted++;
  }
  const uploads = operations.flatMap((operation) => ('upload' in operation ? [operation.upload] : []));
  const chunkIds = await uploadChunks(actor, batch_id, uploads.map((upload) => upload.content));
  report.uploaded = uploads.length;
  await actor.commit_batch({
    batch_id,
    operations: operations.map((operation): BatchOperation => {
      if (!('upload' in operation)) return operation;
      const { key, encoding, sha256 } = operation.upload;
      const ids = chunkIds.get(operation.upload.content)!;
      return { SetAssetContent: { key, content_encoding: encoding, chunk_ids: ids, last_chunk: [], sha256: [sha256] } };
    }),
  });
  return report;
}

/**
 * Uploads contents as chunks in as few create_chunks calls as the ingress limit allows (a content larger than
 * one call is cut in several chunks) and returns each content's chunk ids in order.
 */
async function uploadChunks(actor: AssetCanisterActor, batchId: bigint, contents: Uint8Array[]): Promise<Map<Uint8Array, bigint[]>> {
  const pieces = contents.flatMap((content) => {
    const count = Math.max(1, Math.ceil(content.length / CHUNK_CALL_BYTES));
    return Array.from({ length: count }, (_, index) => ({ content, piece: content.subarray(index * CHUNK_CALL_BYTES, (index + 1) * CHUNK_CALL_BYTES) }));
  });
  const ids = new Map<Uint8Array, bigint[]>(contents.map((content) => [content, []]));
  for (let start = 0; start < pieces.length; ) {
    let end = start;
    let bytes = 0;
    while (end < pieces.length && (end === start || bytes + pieces[end]!.piece.length <= CHUNK_CALL_BYTES)) bytes += pieces[end++]!.piece.length;
    const call = pieces.slice(start, end);
    const { chunk_ids } = await actor.create_chunks({ batch_id: batchId, content: call.map((entry) => entry.piece) });
    call.forEach((entry, index) => ids.get(entry.content)!.push(chunk_ids[index]!));
    start = end;
  }
  return ids;
}

function createAsset(asset: SiteAsset): BatchOperation {
  const { config } = asset;
  return {
    CreateAsset: {
      key: asset.key,
      content_type: asset.contentType,
      max_age: optional(config.maxAgeSeconds === undefined ? undefined : BigInt(config.maxAgeSeconds)),
      headers: optional(headerFields(config)),
      enable_aliasing: optional(config.enableAliasing),
      allow_raw_access: optional(config.allowRawAccess),
    },
  };
}

/** Every property is set, absent ones to null, so a rule removed from the config stops applying. */
function setProperties(key: string, config: AssetConfig): BatchOperation {
  return {
    SetAssetProperties: {
      key,
      max_age: [optional(config.maxAgeSeconds === undefined ? undefined : BigInt(config.maxAgeSeconds))],
      headers: [optional(headerFields(config))],
      allow_raw_access: [optional(config.allowRawAccess)],
      is_aliased: [optional(config.enableAliasing)],
    },
  };
}

function headerFields(config: AssetConfig): HeaderField[] | undefined {
  const fields = Object.entries(config.headers);
  return fields.length > 0 ? fields : undefined;
}

function optional<T>(value: T | undefined): Opt<T> {
  return value === undefined ? [] : [value];
}

function hex(bytes: Uint8Array | undefined): string | undefined {
  return bytes && Buffer.from(bytes).toString('hex');
}
