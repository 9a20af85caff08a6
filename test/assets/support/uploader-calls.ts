import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IDL } from '@dfinity/candid';

/** @dfinity/assets' defaults: files up to this size go in one `store` call, larger ones in chunks of it. */
export const UPLOADER_CHUNK_BYTES = 1_900_000;

/**
 * The IDL @dfinity/assets 3.4.3 calls the asset canister with (its package exports do not expose it). Calling
 * through it puts exactly the uploader's candid on the wire: its records lack fields newer canisters added.
 */
export async function loadUploaderIdl(): Promise<IDL.InterfaceFactory> {
  const entry = createRequire(import.meta.url).resolve('@dfinity/assets');
  const module = (await import(pathToFileURL(join(dirname(entry), 'canisters', 'assets_idl.js')).href)) as {
    idlFactory?: IDL.InterfaceFactory;
    default?: { idlFactory: IDL.InterfaceFactory };
  };
  return module.idlFactory ?? module.default!.idlFactory;
}

/** The uploader's methods used here, with the shapes of its IDL. */
export interface UploaderActor {
  store(arg: { key: string; content: Uint8Array; content_type: string; sha256: [] | [Uint8Array]; content_encoding: string }): Promise<void>;
  create_batch(arg: Record<string, never>): Promise<{ batch_id: bigint }>;
  create_chunk(arg: { batch_id: bigint; content: Uint8Array }): Promise<{ chunk_id: bigint }>;
  commit_batch(arg: { batch_id: bigint; operations: unknown[] }): Promise<void>;
  get(arg: { key: string; accept_encodings: string[] }): Promise<{
    content: Uint8Array;
    content_type: string;
    content_encoding: string;
    total_length: bigint;
    sha256: [] | [Uint8Array];
  }>;
  get_chunk(arg: { key: string; content_encoding: string; index: bigint; sha256: [] | [Uint8Array] }): Promise<{ content: Uint8Array }>;
  list(arg: Record<string, never>): Promise<{ key: string; content_type: string; encodings: { content_encoding: string; length: bigint }[] }[]>;
  delete_asset(arg: { key: string }): Promise<void>;
  clear(arg: Record<string, never>): Promise<void>;
}

/**
 * Uploads one file the way `AssetManager.store` does: a single `store` call when it fits, otherwise a batch of
 * `create_chunk` calls committed with CreateAsset + SetAssetContent.
 */
export async function storeLikeAssetManager(
  actor: UploaderActor,
  file: { key: string; bytes: Uint8Array; contentType: string; contentEncoding?: string },
): Promise<void> {
  const sha256 = new Uint8Array(createHash('sha256').update(file.bytes).digest());
  const contentEncoding = file.contentEncoding ?? 'identity';
  if (file.bytes.length <= UPLOADER_CHUNK_BYTES) {
    await actor.store({ key: file.key, content: file.bytes, content_type: file.contentType, sha256: [sha256], content_encoding: contentEncoding });
    return;
  }
  const { batch_id } = await actor.create_batch({});
  const chunkIds: bigint[] = [];
  for (let start = 0; start < file.bytes.length; start += UPLOADER_CHUNK_BYTES) {
    const { chunk_id } = await actor.create_chunk({ batch_id, content: file.bytes.subarray(start, start + UPLOADER_CHUNK_BYTES) });
    chunkIds.push(chunk_id);
  }
  await actor.commit_batch({
    batch_id,
    operations: [
      { CreateAsset: { key: file.key, content_type: file.contentType, headers: [] } },
      { SetAssetContent: { key: file.key, sha256: [sha256], chunk_ids: chunkIds, content_encoding: contentEncoding } },
    ],
  });
}
