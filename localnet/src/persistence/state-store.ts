import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Principal } from '@dfinity/principal';
import { Canister, defaultSettings } from '../canister/canister.js';
import type { StateSink, Replica } from '../replica/replica.js';
import { loadCanisterModule } from '../wasm/canister-module.js';
import { applyMeta, metaOf, type CanisterMeta } from './canister-meta.js';
import { decodeRecords, encodeRecord, type StateRecord } from './record-codec.js';

/** Past this size a canister's journal is folded into a fresh snapshot. */
const JOURNAL_COMPACT_BYTES = 64 * 1024 * 1024;

/**
 * Durable replica state under one folder: per canister a snapshot (all non-zero chunks) and an append-only
 * journal of committed executions. Each record is written before the replica acknowledges the message, so a
 * `kill -9` of the process loses nothing acknowledged; `fsync: true` extends that to a machine crash.
 */
export class StateStore implements StateSink {
  private readonly journals = new Map<string, { fd: number; bytes: number }>();

  constructor(
    private readonly dir: string,
    private readonly options: { fsync?: boolean } = {},
  ) {
    mkdirSync(join(dir, 'canisters'), { recursive: true });
  }

  /** Rebuilds every canister from disk into `replica`. */
  restoreInto(replica: Replica): void {
    const replicaFile = join(this.dir, 'replica.json');
    if (existsSync(replicaFile)) {
      replica.nextCanisterIndex = (JSON.parse(readFileSync(replicaFile, 'utf8')) as { nextCanisterIndex: number }).nextCanisterIndex;
    }
    for (const id of readdirSync(join(this.dir, 'canisters'))) {
      const canister = this.restoreCanister(replica, id);
      if (canister) replica.canisters.set(id, canister);
    }
  }

  saveReplica(meta: { nextCanisterIndex: number }): void {
    this.writeAtomically(join(this.dir, 'replica.json'), Buffer.from(JSON.stringify(meta)));
  }

  commit(canister: Canister, heapChunks: number[], stableChunks: number[]): void {
    const runtime = canister.runtime;
    const record: StateRecord = {
      meta: metaOf(canister) as unknown as Record<string, unknown>,
      heap: new Map(runtime ? heapChunks.map((index) => [index, runtime.heapChunk(index)]) : []),
      stable: new Map(stableChunks.map((index) => [index, canister.stable.chunk(index) ?? new Uint8Array(4096)])),
    };
    const journal = this.journal(canister);
    const bytes = encodeRecord(record);
    writeSync(journal.fd, bytes);
    if (this.options.fsync) fsyncSync(journal.fd);
    journal.bytes += bytes.length;
    if (journal.bytes > JOURNAL_COMPACT_BYTES) this.saveCanister(canister);
  }

  /** Writes a full snapshot of the canister and empties its journal. */
  saveCanister(canister: Canister): void {
    const dir = this.canisterDir(canister.id.toText());
    mkdirSync(dir, { recursive: true });
    const moduleFile = join(dir, 'module.wasm');
    if (canister.moduleBytes) this.writeAtomically(moduleFile, canister.moduleBytes);
    else rmSync(moduleFile, { force: true });
    const heap = new Map<number, Uint8Array>();
    const runtime = canister.runtime;
    if (runtime) {
      for (let index = 0; index * 4096 < runtime.heapBytes; index++) {
        const chunk = runtime.heapChunk(index);
        if (!chunk.every((byte) => byte === 0)) heap.set(index, chunk);
      }
    }
    const record: StateRecord = { meta: metaOf(canister) as unknown as Record<string, unknown>, heap, stable: new Map(canister.stable.entries()) };
    this.writeAtomically(join(dir, 'snapshot.bin'), encodeRecord(record));
    const journal = this.journal(canister);
    ftruncateSync(journal.fd, 0);
    journal.bytes = 0;
  }

  deleteCanister(canister: Canister): void {
    const id = canister.id.toText();
    const journal = this.journals.get(id);
    if (journal) closeSync(journal.fd);
    this.journals.delete(id);
    rmSync(this.canisterDir(id), { recursive: true, force: true });
  }

  close(): void {
    for (const journal of this.journals.values()) closeSync(journal.fd);
    this.journals.clear();
  }

  private restoreCanister(replica: Replica, id: string): Canister | undefined {
    const dir = this.canisterDir(id);
    const snapshotFile = join(dir, 'snapshot.bin');
    if (!existsSync(snapshotFile)) return undefined;
    const [snapshot] = decodeRecords(readFileSync(snapshotFile)).records;
    if (!snapshot) throw new Error(`state of canister ${id} is unreadable: ${snapshotFile}`);
    const journalFile = join(dir, 'journal.bin');
    const journal = existsSync(journalFile) ? decodeRecords(readFileSync(journalFile)) : { records: [], validBytes: 0 };
    const records = [snapshot, ...journal.records];
    const last = records[records.length - 1]!.meta as unknown as CanisterMeta;

    const principal = Principal.fromText(id);
    const canister = new Canister(principal, defaultSettings([]), 0n, (c, line) => replica.onLog(c, line));
    applyMeta(canister, last);
    const moduleFile = join(dir, 'module.wasm');
    const heap = new Map<number, Uint8Array>();
    for (const record of records) {
      for (const [index, bytes] of record.heap) heap.set(index, bytes);
      for (const [index, bytes] of record.stable) canister.stable.restoreChunk(index, bytes);
    }
    if (existsSync(moduleFile)) {
      canister.moduleBytes = new Uint8Array(readFileSync(moduleFile));
      canister.runtime = canister.instantiate(loadCanisterModule(canister.moduleBytes), {
        tracking: replica.heapTracking,
        persistedMap: last.heapWriteMap ?? null,
      });
      canister.runtime.restoreHeap(last.heapBytes, heap);
    }
    // Cut a torn tail off so the next append starts on a record boundary.
    const fd = openSync(journalFile, 'a');
    ftruncateSync(fd, journal.validBytes);
    this.journals.set(id, { fd, bytes: journal.validBytes });
    return canister;
  }

  private journal(canister: Canister): { fd: number; bytes: number } {
    const id = canister.id.toText();
    let journal = this.journals.get(id);
    if (!journal) {
      const dir = this.canisterDir(id);
      mkdirSync(dir, { recursive: true });
      journal = { fd: openSync(join(dir, 'journal.bin'), 'a'), bytes: 0 };
      this.journals.set(id, journal);
    }
    return journal;
  }

  private canisterDir(id: string): string {
    return join(this.dir, 'canisters', id);
  }

  private writeAtomically(file: string, bytes: Uint8Array): void {
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, bytes);
    if (this.options.fsync) {
      const fd = openSync(temporary, 'r+');
      fsyncSync(fd);
      closeSync(fd);
    }
    renameSync(temporary, file);
  }
}
