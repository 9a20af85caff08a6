import { AssetError } from './asset-errors.js';
import type { CommitBatchArguments } from './asset-idl.js';

/** A batch lives this long after its last chunk, like in dfx's canister. */
export const BATCH_EXPIRY_NS = 300_000_000_000n;

export interface Batch {
  expiresAtNs: bigint;
  /** Bytes of chunks uploaded to this batch (counted against `maxBytes`). */
  chunkBytes: number;
  /** Set by propose_commit_batch; committed later by commit_proposed_batch with matching evidence. */
  proposal?: CommitBatchArguments;
  evidence?: Uint8Array;
}

export interface Chunk {
  batchId: bigint;
  content: Uint8Array;
}

/** Limits set with `configure`; absent means unlimited. */
export interface BatchLimits {
  maxBatches?: bigint;
  maxChunks?: bigint;
  maxBytes?: bigint;
}

/** Upload batches and their chunks, waiting to be committed as asset content. */
export class BatchTable {
  constructor(
    readonly batches = new Map<bigint, Batch>(),
    readonly chunks = new Map<bigint, Chunk>(),
    public nextBatchId = 1n,
    public nextChunkId = 1n,
    public limits: BatchLimits = {},
  ) {}

  clone(): BatchTable {
    const batches = new Map([...this.batches].map(([id, batch]) => [id, { ...batch }]));
    return new BatchTable(batches, new Map(this.chunks), this.nextBatchId, this.nextChunkId, { ...this.limits });
  }

  /** Starts a batch, first dropping expired batches and chunks of batches that are gone. */
  create(nowNs: bigint): bigint {
    for (const [id, batch] of this.batches) {
      if (batch.expiresAtNs <= nowNs && !batch.evidence) this.batches.delete(id);
    }
    for (const [id, chunk] of this.chunks) if (!this.batches.has(chunk.batchId)) this.chunks.delete(id);
    for (const [id, batch] of this.batches) {
      if (!batch.proposal) continue;
      throw new AssetError(
        batch.evidence
          ? `Batch ${id} is already proposed.  Delete or execute it to propose another.`
          : `Batch ${id} has not completed evidence computation.  Wait for it to expire or delete it to propose another.`,
      );
    }
    if (this.limits.maxBatches !== undefined && BigInt(this.batches.size) >= this.limits.maxBatches) {
      throw new AssetError('batch limit exceeded');
    }
    const id = this.nextBatchId++;
    this.batches.set(id, { expiresAtNs: nowNs + BATCH_EXPIRY_NS, chunkBytes: 0 });
    return id;
  }

  addChunks(batchId: bigint, contents: Uint8Array[], nowNs: bigint): bigint[] {
    this.checkLimits(contents.length, contents.reduce((sum, content) => sum + content.length, 0));
    const batch = this.batches.get(batchId);
    if (!batch) throw new AssetError('batch not found');
    if (batch.proposal) throw new AssetError(`batch ${batchId} has been proposed`);
    batch.expiresAtNs = nowNs + BATCH_EXPIRY_NS;
    return contents.map((content) => {
      const id = this.nextChunkId++;
      batch.chunkBytes += content.length;
      this.chunks.set(id, { batchId, content });
      return id;
    });
  }

  /** Removes a chunk as its content moves into an asset. */
  takeChunk(chunkId: bigint): Uint8Array {
    const chunk = this.chunks.get(chunkId);
    if (!chunk) throw new AssetError('chunk not found');
    this.chunks.delete(chunkId);
    return chunk.content;
  }

  checkLimits(chunksAdded: number, bytesAdded: number): void {
    const { maxChunks, maxBytes } = this.limits;
    if (maxChunks !== undefined && BigInt(this.chunks.size + chunksAdded) > maxChunks) throw new AssetError('chunk limit exceeded');
    if (maxBytes !== undefined) {
      const pending = [...this.batches.values()].reduce((sum, batch) => sum + batch.chunkBytes, 0);
      if (BigInt(pending + bytesAdded) > maxBytes) throw new AssetError('byte limit exceeded');
    }
  }

  /**
   * A committed batch is forgotten, but its unused chunks stay until the next create_batch: dfx's uploader
   * commits a large batch in several commit_batch calls that share one batch id.
   */
  finish(batchId: bigint): void {
    this.batches.delete(batchId);
  }

  delete(batchId: bigint): void {
    if (!this.batches.delete(batchId)) throw new AssetError('batch not found');
    for (const [id, chunk] of this.chunks) if (chunk.batchId === batchId) this.chunks.delete(id);
  }

  propose(args: CommitBatchArguments): void {
    const batch = this.batches.get(args.batch_id);
    if (!batch) throw new AssetError('batch not found');
    if (batch.proposal) throw new AssetError(`batch ${args.batch_id} already has proposed CommitBatchArguments`);
    batch.proposal = args;
  }

  /** The proposal of a batch whose evidence was computed and matches `evidence`. */
  proposalMatching(batchId: bigint, evidence: Uint8Array): CommitBatchArguments {
    const batch = this.batches.get(batchId);
    if (!batch) throw new AssetError('batch not found');
    if (!batch.proposal) throw new AssetError('batch does not have CommitBatchArguments');
    if (!batch.evidence) throw new AssetError('batch does not have computed evidence');
    if (Buffer.compare(batch.evidence, evidence) !== 0) {
      throw new AssetError(
        `batch computed evidence ${hex(batch.evidence)} does not match presented evidence ${hex(evidence)}`,
      );
    }
    return batch.proposal;
  }

  /** Clear: every batch and chunk goes, and numbering starts again. */
  clear(): void {
    this.batches.clear();
    this.chunks.clear();
    this.nextBatchId = 1n;
    this.nextChunkId = 1n;
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
