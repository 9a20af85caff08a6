import { AssetError } from './asset-errors.js';
import type { BatchOperation, CommitBatchArguments, SetAssetPropertiesArguments } from './asset-idl.js';
import { AssetTable } from './asset-table.js';
import { BatchTable } from './batch-table.js';
import { PermissionTable } from './permissions.js';

/** Everything an asset canister keeps: its assets, the batches being uploaded and who may change them. */
export class AssetCanisterState {
  constructor(
    readonly assets = new AssetTable(),
    readonly batches = new BatchTable(),
    readonly permissions = new PermissionTable(),
  ) {}

  clone(): AssetCanisterState {
    return new AssetCanisterState(this.assets.clone(), this.batches.clone(), this.permissions.clone());
  }

  /** Applies every operation in order, then forgets the batch; the caller discards this state if any throws. */
  commitBatch(args: CommitBatchArguments, nowNs: bigint): void {
    const lastChunks = args.operations.flatMap((operation) =>
      'SetAssetContent' in operation ? operation.SetAssetContent.last_chunk : [],
    );
    this.batches.checkLimits(lastChunks.length, lastChunks.reduce((sum, chunk) => sum + chunk.length, 0));
    for (const operation of args.operations) this.apply(operation, nowNs);
    this.batches.finish(args.batch_id);
  }

  apply(operation: BatchOperation, nowNs: bigint): void {
    if ('CreateAsset' in operation) {
      const args = operation.CreateAsset;
      this.assets.create(args.key, {
        contentType: args.content_type,
        encodings: new Map(),
        maxAge: args.max_age[0],
        headers: args.headers[0],
        isAliased: args.enable_aliasing[0],
        allowRawAccess: args.allow_raw_access[0],
      });
    } else if ('SetAssetContent' in operation) {
      const args = operation.SetAssetContent;
      if (args.chunk_ids.length === 0 && args.last_chunk.length === 0) {
        throw new AssetError('encoding must have at least one chunk or contain last_chunk');
      }
      this.assets.exact(args.key);
      const parts = args.chunk_ids.map((id) => this.batches.takeChunk(id));
      const content = new Uint8Array(Buffer.concat([...parts, ...args.last_chunk]));
      // Like dfx's asset canister, SetAssetContent does not verify a given sha256 (only `store` does): the
      // official uploader hashes chunks in the order its file reads complete, which under load is not file order.
      // The hash kept is always the one of the content actually stored.
      this.assets.setContent(args.key, args.content_encoding, content, undefined, nowNs);
    } else if ('SetAssetProperties' in operation) {
      this.setProperties(operation.SetAssetProperties);
    } else if ('UnsetAssetContent' in operation) {
      this.assets.unsetContent(operation.UnsetAssetContent.key, operation.UnsetAssetContent.content_encoding);
    } else if ('DeleteAsset' in operation) {
      this.assets.delete(operation.DeleteAsset.key);
    } else {
      this.assets.clear();
      this.batches.clear();
    }
  }

  /** Each field is `opt opt T`: absent leaves the property alone, `opt null` unsets it. */
  setProperties(args: SetAssetPropertiesArguments): void {
    const asset = this.assets.exact(args.key);
    if (args.max_age[0]) asset.maxAge = args.max_age[0][0];
    if (args.headers[0]) asset.headers = args.headers[0][0];
    if (args.allow_raw_access[0]) asset.allowRawAccess = args.allow_raw_access[0][0];
    if (args.is_aliased[0]) asset.isAliased = args.is_aliased[0][0];
  }
}
