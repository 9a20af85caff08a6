/** Stable memory ids of the leasing canister's maps (common's maps sit at the top of the range). */
export const LEASING_MEMORY = {
  tokenOwners: 0,
  tokenChunks: 1,
  ownerChunks: 2,
  ownerDirectory: 3,
  serials: 4,
  tokenApprovals: 5,
  collectionApprovals: 6,
  blocks: 7,
  dedup: 8,
  dedupExpiry: 9,
  listings: 10,
  leases: 11,
  leaseByToken: 12,
  leaseSchedule: 13,
  outbox: 14,
  pulls: 15,
  parkedPayouts: 16,
  listedTokens: 17,
  batteries: 18,
  alertSignals: 19
} as const;
