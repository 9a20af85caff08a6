import { leafHash } from './merkle';

/** How many of the newest batch roots telemetry certifies at once (a power of two: the tree over them is complete). */
export const CERTIFIED_ROOTS = 64;

/** Bytes of a ring slot: the batch number (u64, big-endian) then the batch root. */
export const RING_ENTRY_BYTES = 8 + 32;

/** The leaf of a ring slot holding `root` of batch `batchNumber`: leafHash(u64 batch number || batch root). */
export function ringSlotLeaf(batchNumber: bigint, root: Uint8Array): Uint8Array {
  const entry = new Uint8Array(RING_ENTRY_BYTES);
  new DataView(entry.buffer).setBigUint64(0, batchNumber);
  entry.set(root, 8);
  return leafHash(entry);
}
