import { IngestLimits } from '../api/ingest';

/**
 * Size limits of one `ingest` call, so that a message stays well under the IC's 2 MiB ingress limit and 40B
 * instructions per update.
 *
 * Bytes, from the candid encoding of ReadingInput, worst case (32 cells, 16 sensors, GPS):
 *   reading  8 (timestamp) + 1 + 32 x 8 (cells) + 8 (current) + 1 + 16 x 8 (sensors) + 8 (SoC) + 17 (GPS) = 427 B
 *   call     512 readings = 219 KB, plus per batch 82 B (device id, sequence, timestamp): about 11% of 2 MiB.
 *
 * Instructions: localnet does not meter them yet, so they are estimated from time. A call's work grows with
 * its readings (candid decoding, which alone is about half of it, checks, packing, two SHA-256 compressions
 * per Merkle leaf and one per inner node) plus a fixed number of map writes per battery and per call.
 * Measured in localnet: 1.5 ms per reading (16 cells, 2 sensors) to 2.3 ms (32 cells, 16 sensors) in calls of
 * 1,024 readings. Converted with 4.4 instructions per ns (Azle's ~2M instructions per map insert against the
 * 0.45 ms one takes in localnet) up to 8.6 (V8's rate on a tight wasm loop on the same machine), 512 worst-case
 * readings are 5B to 10B instructions: at most a quarter of the limit.
 */
export const MAX_BATCHES_PER_CALL = 32;
export const MAX_READINGS_PER_CALL = 512;
export const MAX_READINGS_PER_BATCH = 64;
export const MAX_CELLS = 32;
export const MAX_TEMPERATURES = 16;

/** The limits as `ingest_limits` answers them. */
export const INGEST_LIMITS: IngestLimits = {
  max_batches_per_call: MAX_BATCHES_PER_CALL,
  max_readings_per_call: MAX_READINGS_PER_CALL,
  max_readings_per_batch: MAX_READINGS_PER_BATCH,
  max_cells: MAX_CELLS,
  max_temperatures: MAX_TEMPERATURES
};
