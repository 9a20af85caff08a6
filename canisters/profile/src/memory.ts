/** Stable memory ids of the profile canister's maps (common's maps sit at the top of the range). */
export const PROFILE_MEMORY = {
  profiles: 0,
  profileOrder: 1,
  roleLog: 2,
  roleMembers: 3,
  roleMemberSlots: 4,
  roleMemberCounts: 5,
  outbox: 6
} as const;
