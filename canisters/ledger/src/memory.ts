/** Stable memory ids of the ledger's maps (common's maps sit at the top of the range). */
export const LEDGER_MEMORY = {
  balances: 0,
  allowances: 1,
  allowanceExpiries: 2,
  blocks: 3,
  dedup: 4,
  dedupExpiries: 5
} as const;
