/**
 * The two record kinds of the spool. An `entry` is a batch accepted from a device (written before the device is
 * acknowledged); a `done` record lists entries telemetry has answered for (stored, a duplicate, or refused), so
 * after a restart only the entries without one are relayed again.
 */
export type Outcome = 'stored' | 'duplicate' | 'refused';
const OUTCOMES: Outcome[] = ['stored', 'duplicate', 'refused'];

export interface EntryRecord {
  kind: 'entry';
  id: bigint;
  receivedAtMs: number;
  deviceId: string;
  sequence: bigint;
  /** The signed frame exactly as the device sent it. */
  frame: Uint8Array;
}

export interface DoneRecord {
  kind: 'done';
  results: Array<{ id: bigint; outcome: Outcome }>;
}

const ENTRY = 1;
const DONE = 2;

export function encodeEntry(entry: Omit<EntryRecord, 'kind'>): Buffer {
  const id = Buffer.from(entry.deviceId, 'latin1');
  const out = Buffer.allocUnsafe(1 + 8 + 8 + 8 + 1 + id.length + entry.frame.length);
  let at = out.writeUInt8(ENTRY, 0);
  at = out.writeBigUInt64LE(entry.id, at);
  at = out.writeBigUInt64LE(BigInt(entry.receivedAtMs), at);
  at = out.writeBigUInt64LE(entry.sequence, at);
  at = out.writeUInt8(id.length, at);
  at += id.copy(out, at);
  out.set(entry.frame, at);
  return out;
}

export function encodeDone(results: DoneRecord['results']): Buffer {
  const out = Buffer.allocUnsafe(1 + 4 + results.length * 9);
  let at = out.writeUInt8(DONE, 0);
  at = out.writeUInt32LE(results.length, at);
  for (const { id, outcome } of results) {
    at = out.writeBigUInt64LE(id, at);
    at = out.writeUInt8(OUTCOMES.indexOf(outcome), at);
  }
  return out;
}

/** Decodes a record whose CRC matched; an unknown kind means a newer bridge wrote it, which this one cannot read. */
export function decodeRecord(payload: Buffer): EntryRecord | DoneRecord {
  const kind = payload.readUInt8(0);
  if (kind === ENTRY) {
    const idLength = payload.readUInt8(25);
    return {
      kind: 'entry',
      id: payload.readBigUInt64LE(1),
      receivedAtMs: Number(payload.readBigUInt64LE(9)),
      sequence: payload.readBigUInt64LE(17),
      deviceId: payload.toString('latin1', 26, 26 + idLength),
      frame: new Uint8Array(payload.subarray(26 + idLength)),
    };
  }
  if (kind === DONE) {
    const count = payload.readUInt32LE(1);
    const results = Array.from({ length: count }, (_, i) => ({
      id: payload.readBigUInt64LE(5 + i * 9),
      outcome: OUTCOMES[payload.readUInt8(13 + i * 9)]!,
    }));
    return { kind: 'done', results };
  }
  throw new Error(`spool record of unknown kind ${kind}: written by a newer bridge?`);
}
