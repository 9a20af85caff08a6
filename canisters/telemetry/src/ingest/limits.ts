/**
 * Size limits of one `ingest` call. A message must stay well under the IC's 2 MiB ingress limit and 40B
 * instructions per update. Worst case on the wire, from the candid encoding of ReadingInput:
 *
 *   reading  8 (timestamp) + 1 + 32 x 8 (cells) + 8 (current) + 1 + 16 x 8 (temperatures) + 8 (SoC) + 17 (GPS)
 *            = 427 bytes
 *   batch    65 (device id) + 8 (sequence) + 8 (timestamp) + 1 + 64 x 427 = 27,410 bytes
 *   call     32 batches = 877 KB plus a ~400 byte type table: 42% of 2 MiB
 *
 * Instructions: the call's work is proportional to its readings (at most 32 x 64 = 2,048): candid decoding,
 * checks, two SHA-256 compressions per Merkle leaf and about one per inner node, packing; plus a fixed number of
 * map writes per battery and per call. bench/telemetry.ts times a full-size call; see the README for the figures.
 */
export const MAX_BATCHES_PER_CALL = 32;
export const MAX_READINGS_PER_BATCH = 64;
export const MAX_CELLS = 32;
export const MAX_TEMPERATURES = 16;
