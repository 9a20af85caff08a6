/**
 * Anchoring on the real wasm: every stored reading's Merkle proof is verified in the test with node:crypto from
 * the reading as the device sent it (quantized by the documented scaling), up to the batch root the ingest
 * answered and on to the root over the newest batches that the replica holds as telemetry's certified data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ReadingProof, StoredBatch } from '../../packages/client/src/declarations/telemetry/telemetry.did.js';
import { batch, reading, registration, series, type ReadingInput } from './support/builders';
import { TelemetryNet } from './support/fixture';
import { canonicalBytes, foldPath, fromStored, leafHash, quantize, ringLeaf } from './support/reference';

type Result<T> = { Ok: T } | { Err: unknown };

function okOf<T>(result: Result<T>): T {
  if (!('Ok' in result)) {
    throw new Error(`expected Ok, got ${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  }
  return result.Ok;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('telemetry anchoring', () => {
  let t: TelemetryNet;
  let sent: ReadingInput[];
  let outcome: StoredBatch;
  const now = () => Number(t.net.now() / 1_000_000n);

  async function ingest(deviceId: string, sequence: number, readings: ReadingInput[]): Promise<StoredBatch> {
    const [result] = okOf(await t.telemetry(t.relayer).ingest([batch(deviceId, sequence, readings)]));
    if (result === undefined || !('Stored' in result)) throw new Error('batch not stored');
    return result.Stored;
  }

  /** Checks a proof against the reading as sent, independently of what the canister says the reading is. */
  function verify(proof: ReadingProof, deviceId: string, sequence: bigint, index: number, input: ReadingInput): Buffer {
    const leaf = leafHash(canonicalBytes(deviceId, sequence, index, quantize(input)));
    const batchRoot = foldPath(leaf, proof.batch_path);
    expect(hex(batchRoot)).toBe(hex(proof.batch_root));
    return batchRoot;
  }

  beforeAll(async () => {
    t = await TelemetryNet.start();
    okOf(await t.telemetry(t.fleetOperator).register_device(registration('anchor-1', 1n, t.owner.getPrincipal())));
    okOf(await t.telemetry(t.fleetOperator).register_device(registration('anchor-2', 2n, t.owner.getPrincipal())));
    sent = series(now() - 600_000, 13);
    sent[4] = reading(now() - 560_000, { soc: 250 });
    sent[9] = reading(now() - 500_000, { gps: { latitude: -33.8688, longitude: 151.2093 } });
    outcome = await ingest('anchor-1', 7, sent);
  });
  afterAll(() => t?.stop());

  it('proves every stored reading of a batch up to the root ingest answered and the certified data', async () => {
    expect(outcome.accepted).toBe(12);
    expect(outcome.rejected.map((rejected) => rejected.index)).toEqual([4]);
    const certifiedData = hex(t.certifiedData());
    for (const [index, input] of sent.entries()) {
      if (index === 4) continue;
      const proof = okOf(await t.telemetry(t.owner).reading_proof(outcome.batch_number, index));
      expect(proof).toMatchObject({ device_id: 'anchor-1', sequence: 7n });
      expect(fromStored(proof.reading)).toEqual(quantize(input));
      const batchRoot = verify(proof, 'anchor-1', 7n, index, input);
      expect(hex(batchRoot)).toBe(hex(outcome.merkle_root[0]!));

      const certified = proof.certified[0]!;
      expect(hex(foldPath(ringLeaf(outcome.batch_number, batchRoot), certified.path))).toBe(hex(certified.certified_root));
      expect(hex(certified.certified_root)).toBe(certifiedData);
    }
  });

  it('fails verification for a reading that differs in any value', async () => {
    const proof = okOf(await t.telemetry(t.owner).reading_proof(outcome.batch_number, 2));
    const q = quantize(sent[2]!);
    const forged = { ...q, cellsMv: q.cellsMv.map((mv, i) => (i === 5 ? mv + 1 : mv)) };
    const leaf = leafHash(canonicalBytes('anchor-1', 7n, 2, forged));
    expect(hex(foldPath(leaf, proof.batch_path))).not.toBe(hex(proof.batch_root));
    const moved = leafHash(canonicalBytes('anchor-1', 7n, 3, q));
    expect(hex(foldPath(moved, proof.batch_path))).not.toBe(hex(proof.batch_root));
  });

  it('lists the certified roots with the root the replica certifies', async () => {
    const view = await t.telemetry(t.stranger).certified_roots();
    expect(view.capacity).toBe(64);
    expect(view.roots).toEqual([{ batch_number: outcome.batch_number, root: outcome.merkle_root[0] }]);
    expect(hex(view.certified_root)).toBe(hex(t.certifiedData()));
    // A replicated query gets no data certificate; the HTTP interface's non-replicated queries do.
    expect(view.certificate).toEqual([]);
  });

  it('refuses proofs of refused readings, unknown batches, and to strangers', async () => {
    const owner = t.telemetry(t.owner);
    expect(await owner.reading_proof(outcome.batch_number, 4)).toEqual({ Err: { NotFound: { kind: 'reading', id: `${outcome.batch_number}/4` } } });
    expect(await owner.reading_proof(outcome.batch_number, 13)).toMatchObject({ Err: { NotFound: { kind: 'reading' } } });
    expect(await t.telemetry(t.fleetOperator).reading_proof(999n, 0)).toEqual({ Err: { NotFound: { kind: 'batch', id: '999' } } });
    expect(await t.telemetry(t.stranger).reading_proof(outcome.batch_number, 0)).toMatchObject({ Err: { Unauthorized: {} } });
  });

  it('keeps proving a batch that spans chunk windows and shares them with later batches', async () => {
    const hour = 3_600_000;
    const boundary = Math.floor(now() / hour) * hour;
    const spanning = series(boundary - 95_000, 20);
    const first = await ingest('anchor-2', 1, spanning);
    await ingest('anchor-2', 2, series(boundary + 200_000, 10).map((r, i) => ({ ...r, timestamp_ms: BigInt(boundary - 300_000 + i * 1_000) })));
    for (const index of [0, 9, 10, 19]) {
      const proof = okOf(await t.telemetry(t.owner).reading_proof(first.batch_number, index));
      verify(proof, 'anchor-2', 1n, index, spanning[index]!);
      expect(hex(proof.batch_root)).toBe(hex(first.merkle_root[0]!));
    }
  });

  it('certifies the newest 64 batches: an older batch still proves to its root, no longer to the certified data', async () => {
    const older = outcome.batch_number;
    for (let round = 0; round < 2; round++) {
      const calls = Array.from({ length: 32 }, (_, i) => batch('anchor-1', 100 + round * 32 + i, [reading(now() - 100_000 + round * 32 + i)]));
      okOf(await t.telemetry(t.relayer).ingest(calls));
    }
    const proof = okOf(await t.telemetry(t.owner).reading_proof(older, 0));
    verify(proof, 'anchor-1', 7n, 0, sent[0]!);
    expect(proof.certified).toEqual([]);

    const view = await t.telemetry().certified_roots();
    expect(view.roots).toHaveLength(64);
    expect(hex(view.certified_root)).toBe(hex(t.certifiedData()));
    const newest = view.roots.at(-1)!;
    const newestProof = okOf(await t.telemetry(t.owner).reading_proof(newest.batch_number, 0));
    expect(hex(foldPath(ringLeaf(newest.batch_number, newest.root), newestProof.certified[0]!.path))).toBe(hex(t.certifiedData()));
  });

  it('certifies the same root again after an upgrade', async () => {
    const before = hex(t.certifiedData());
    await t.upgradeTelemetry();
    expect(hex(t.certifiedData())).toBe(before);
    const proof = okOf(await t.telemetry(t.owner).reading_proof(outcome.batch_number, 9));
    verify(proof, 'anchor-1', 7n, 9, sent[9]!);
  });
});
