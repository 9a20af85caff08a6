import { createHash, type Hash } from 'node:crypto';
import type { BatchOperation, HeaderField } from './asset-idl.js';

/**
 * The evidence of a proposed batch: a SHA-256 over its operations and the content of the chunks they use, fed
 * in the same order and with the same one-byte tags as dfx's asset canister, so that evidence computed by dfx
 * for `dfx deploy --by-proposal` matches ours.
 */
export function computeEvidence(operations: readonly BatchOperation[], chunkContent: (id: bigint) => Uint8Array | undefined): Uint8Array {
  const hash = createHash('sha256');
  for (const operation of operations) {
    if ('CreateAsset' in operation) {
      const args = operation.CreateAsset;
      hash.update(Tag.CreateAsset).update(args.key).update(args.content_type);
      updateOptional(hash, args.max_age, (maxAge) => hash.update(u64BigEndian(maxAge)));
      updateHeaders(hash, args.headers);
      updateOptionalBool(hash, args.allow_raw_access);
      updateOptionalBool(hash, args.enable_aliasing);
    } else if ('SetAssetContent' in operation) {
      const args = operation.SetAssetContent;
      hash.update(Tag.SetAssetContent).update(args.key).update(args.content_encoding);
      updateOptional(hash, args.sha256, (sha256) => hash.update(sha256));
      for (const id of args.chunk_ids) {
        const content = chunkContent(id);
        if (content) hash.update(content);
      }
      if (args.last_chunk[0]) hash.update(args.last_chunk[0]);
    } else if ('UnsetAssetContent' in operation) {
      hash.update(Tag.UnsetAssetContent).update(operation.UnsetAssetContent.key).update(operation.UnsetAssetContent.content_encoding);
    } else if ('DeleteAsset' in operation) {
      hash.update(Tag.DeleteAsset).update(operation.DeleteAsset.key);
    } else if ('Clear' in operation) {
      hash.update(Tag.Clear);
    } else {
      const args = operation.SetAssetProperties;
      hash.update(Tag.SetAssetProperties).update(args.key);
      updateOptional(hash, args.max_age, (maxAge) => updateOptional(hash, maxAge, (value) => hash.update(u64BigEndian(value))));
      updateOptional(hash, args.headers, (headers) => updateHeaders(hash, headers));
      updateOptional(hash, args.allow_raw_access, (allow) => updateOptionalBool(hash, allow));
      updateOptional(hash, args.is_aliased, (aliased) => updateOptionalBool(hash, aliased));
    }
  }
  return new Uint8Array(hash.digest());
}

const Tag = {
  False: new Uint8Array([0]),
  True: new Uint8Array([1]),
  None: new Uint8Array([2]),
  Some: new Uint8Array([3]),
  CreateAsset: new Uint8Array([4]),
  SetAssetContent: new Uint8Array([5]),
  UnsetAssetContent: new Uint8Array([6]),
  DeleteAsset: new Uint8Array([7]),
  Clear: new Uint8Array([8]),
  SetAssetProperties: new Uint8Array([9]),
};

function updateOptional<T>(hash: Hash, value: [] | [T], updateSome: (value: T) => void): void {
  if (value.length === 0) {
    hash.update(Tag.None);
    return;
  }
  hash.update(Tag.Some);
  updateSome(value[0]);
}

function updateOptionalBool(hash: Hash, value: [] | [boolean]): void {
  updateOptional(hash, value, (flag) => hash.update(flag ? Tag.True : Tag.False));
}

/** dfx keeps headers in a map, so a repeated name keeps its last value and names are hashed in sorted order. */
function updateHeaders(hash: Hash, headers: [] | [HeaderField[]]): void {
  updateOptional(hash, headers, (fields) => {
    const byName = new Map(fields);
    for (const name of [...byName.keys()].sort()) hash.update(name).update(byName.get(name)!);
  });
}

function u64BigEndian(value: bigint): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, value);
  return bytes;
}
