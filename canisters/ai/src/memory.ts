/** Stable memory ids of the ai canister's maps (common's maps sit at the top of the range). */
export const AI_MEMORY = {
  models: 0,
  batteries: 1,
  anomalies: 2,
  batteryAnomalies: 3,
  outbox: 4,
  activeAnomalies: 5,
  arrivals: 6,
  profileRequests: 7,
  healthWrites: 8,
  geofences: 9,
  batteryOwners: 10
} as const;
