import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDL } from '@dfinity/candid';
import { CommitBatchArgumentsType, type CommitBatchArguments } from './asset-idl.js';
import { AssetCanisterState } from './asset-state.js';
import { AssetTable, sha256Of, type Asset } from './asset-table.js';
import { BatchTable, type Batch, type Chunk } from './batch-table.js';
import { PermissionTable, type Permission } from './permissions.js';

const FORMAT = 1;

/**
 * An asset canister's durable state in its own folder: `state.json` (keys, properties, batches, permissions)
 * and `blobs/<sha256>` holding each content and chunk once. A save writes the new blobs, then replaces
 * `state.json` by rename, then drops blobs nothing refers to, so a kill at any point leaves the old or the new
 * state whole, and a save costs what changed rather than the size of the site.
 */
export class AssetPersistence {
  private readonly blobDir: string;
  private readonly blobNames = new WeakMap<Uint8Array, string>();

  constructor(private readonly dir: string) {
    this.blobDir = join(dir, 'blobs');
  }

  /** The saved state, or undefined if this canister has never been saved. */
  load(): AssetCanisterState | undefined {
    const file = join(this.dir, 'state.json');
    if (!existsSync(file)) return undefined;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedState;
    if (saved.format !== FORMAT) throw new Error(`asset canister state ${file} has unknown format ${saved.format}`);
    const assets = new Map<string, Asset>(
      saved.assets.map((asset) => [
        asset.key,
        {
          contentType: asset.contentType,
          encodings: new Map(asset.encodings.map((encoding) => [encoding.name, {
            content: this.readBlob(encoding.blob),
            sha256: Uint8Array.from(Buffer.from(encoding.blob, 'hex')),
            modifiedNs: BigInt(encoding.modifiedNs),
          }])),
          maxAge: asset.maxAge === undefined ? undefined : BigInt(asset.maxAge),
          headers: asset.headers,
          isAliased: asset.isAliased,
          allowRawAccess: asset.allowRawAccess,
        },
      ]),
    );
    const batches = new Map<bigint, Batch>(
      saved.batches.map((batch) => [
        BigInt(batch.id),
        {
          expiresAtNs: BigInt(batch.expiresAtNs),
          chunkBytes: batch.chunkBytes,
          proposal: batch.proposal === undefined ? undefined : decodeProposal(batch.proposal),
          evidence: batch.evidence === undefined ? undefined : Uint8Array.from(Buffer.from(batch.evidence, 'hex')),
        },
      ]),
    );
    const chunks = new Map<bigint, Chunk>(
      saved.chunks.map((chunk) => [BigInt(chunk.id), { batchId: BigInt(chunk.batchId), content: this.readBlob(chunk.blob) }]),
    );
    const limits = Object.fromEntries(Object.entries(saved.limits).map(([name, value]) => [name, BigInt(value)]));
    return new AssetCanisterState(
      new AssetTable(assets),
      new BatchTable(batches, chunks, BigInt(saved.nextBatchId), BigInt(saved.nextChunkId), limits),
      new PermissionTable(saved.permissions),
    );
  }

  save(state: AssetCanisterState): void {
    mkdirSync(this.blobDir, { recursive: true });
    const referenced = new Set<string>();
    const blob = (content: Uint8Array): string => {
      const name = this.writeBlob(content);
      referenced.add(name);
      return name;
    };
    const saved: SavedState = {
      format: FORMAT,
      assets: state.assets.keys().map((key) => {
        const asset = state.assets.exact(key);
        return {
          key,
          contentType: asset.contentType,
          encodings: [...asset.encodings].map(([name, encoding]) => ({
            name,
            blob: blob(encoding.content),
            modifiedNs: encoding.modifiedNs.toString(),
          })),
          maxAge: asset.maxAge?.toString(),
          headers: asset.headers,
          isAliased: asset.isAliased,
          allowRawAccess: asset.allowRawAccess,
        };
      }),
      batches: [...state.batches.batches].map(([id, batch]) => ({
        id: id.toString(),
        expiresAtNs: batch.expiresAtNs.toString(),
        chunkBytes: batch.chunkBytes,
        proposal: batch.proposal && encodeProposal(batch.proposal),
        evidence: batch.evidence && Buffer.from(batch.evidence).toString('hex'),
      })),
      chunks: [...state.batches.chunks].map(([id, chunk]) => ({ id: id.toString(), batchId: chunk.batchId.toString(), blob: blob(chunk.content) })),
      nextBatchId: state.batches.nextBatchId.toString(),
      nextChunkId: state.batches.nextChunkId.toString(),
      limits: Object.fromEntries(Object.entries(state.batches.limits).map(([name, value]) => [name, (value as bigint).toString()])),
      permissions: state.permissions.toJSON(),
    };
    writeAtomically(join(this.dir, 'state.json'), JSON.stringify(saved));
    for (const name of readdirSync(this.blobDir)) {
      if (!referenced.has(name)) rmSync(join(this.blobDir, name), { force: true });
    }
  }

  /** Stores content under its SHA-256 unless it is there already; returns its name. */
  private writeBlob(content: Uint8Array): string {
    let name = this.blobNames.get(content);
    if (!name) {
      name = Buffer.from(sha256Of(content)).toString('hex');
      this.blobNames.set(content, name);
    }
    const file = join(this.blobDir, name);
    if (!existsSync(file)) writeAtomically(file, content);
    return name;
  }

  private readBlob(name: string): Uint8Array {
    const content = new Uint8Array(readFileSync(join(this.blobDir, name)));
    this.blobNames.set(content, name);
    return content;
  }
}

interface SavedState {
  format: number;
  assets: {
    key: string;
    contentType: string;
    encodings: { name: string; blob: string; modifiedNs: string }[];
    maxAge?: string;
    headers?: [string, string][];
    isAliased?: boolean;
    allowRawAccess?: boolean;
  }[];
  batches: { id: string; expiresAtNs: string; chunkBytes: number; proposal?: string; evidence?: string }[];
  chunks: { id: string; batchId: string; blob: string }[];
  nextBatchId: string;
  nextChunkId: string;
  limits: Record<string, string>;
  permissions: Record<Permission, string[]>;
}

/** A proposal is kept in its candid form: it holds optional and nested values that JSON would blur. */
function encodeProposal(proposal: CommitBatchArguments): string {
  return Buffer.from(IDL.encode([CommitBatchArgumentsType], [proposal])).toString('hex');
}

function decodeProposal(hex: string): CommitBatchArguments {
  return IDL.decode([CommitBatchArgumentsType], Buffer.from(hex, 'hex'))[0] as unknown as CommitBatchArguments;
}

function writeAtomically(file: string, content: string | Uint8Array): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}
