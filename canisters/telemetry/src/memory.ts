/**
 * Stable memory ids of the telemetry canister's maps (common's maps sit at the top of the range). Each id costs
 * Azle's memory manager one 8 MiB bucket up front, so related data shares a map where it can.
 */
export const TELEMETRY_MEMORY = {
  devices: 0,
  deviceNumbers: 1,
  deviceProgress: 2,
  ownerDevices: 3,
  ownerCounts: 4,
  registryChanges: 5,
  batteries: 6,
  batteryNumbers: 7,
  chunks: 8,
  minuteRollups: 9,
  hourRollups: 10,
  dayRollups: 11,
  batches: 12,
  batchIndex: 13,
  batteryProgress: 14,
  certifiedRoots: 15,
  alertSignals: 16
} as const;

/** Keys of this canister's single values in common's metadata map. */
export const TELEMETRY_CELLS = {
  policy: 'telemetry.policy',
  counters: 'telemetry.counters',
  nextBatch: 'telemetry.next_batch',
  registryVersion: 'telemetry.registry_version'
} as const;
