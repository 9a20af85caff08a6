/** Stable memory ids of the alerts canister's maps (common's maps sit at the top of the range). */
export const ALERTS_MEMORY = {
  alerts: 0,
  openAlerts: 1,
  seenSignals: 2,
  routingQueue: 3,
  rules: 4,
  assignments: 5,
  feedEntries: 6,
  feedCounters: 7,
  feedReads: 8,
  mutes: 9,
  endpoints: 10,
  deliverySettings: 11,
  deliveries: 12,
  deliveryIndex: 13,
  deliveriesDue: 14,
  alertDeliveries: 15,
  rateWindows: 16
} as const;
