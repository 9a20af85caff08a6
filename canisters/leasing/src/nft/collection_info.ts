import { nat, text, ValueMap } from '../icrc3/value';
import { LIMITS } from '../limits';

/** The collection's fixed description. */
export const COLLECTION = {
  symbol: 'CXBAT',
  name: 'ChargeX Batteries',
  description: 'One token per battery pack registered with ChargeX: its identity, specification and live health.'
} as const;

/**
 * Everything icrc7_collection_metadata reports. `icrc7:atomic_batch_transfers` is left out (ICRC-3 values have no
 * bool; absent means false, which is the truth here) and so are the logo and supply cap, which this collection
 * does not have.
 */
export function collectionMetadata(totalSupply: bigint): ValueMap {
  return [
    ['icrc7:symbol', text(COLLECTION.symbol)],
    ['icrc7:name', text(COLLECTION.name)],
    ['icrc7:description', text(COLLECTION.description)],
    ['icrc7:total_supply', nat(totalSupply)],
    ['icrc7:max_query_batch_size', nat(LIMITS.maxQueryBatchSize)],
    ['icrc7:max_update_batch_size', nat(LIMITS.maxUpdateBatchSize)],
    ['icrc7:default_take_value', nat(LIMITS.defaultTakeValue)],
    ['icrc7:max_take_value', nat(LIMITS.maxTakeValue)],
    ['icrc7:max_memo_size', nat(LIMITS.maxMemoSize)],
    ['icrc7:tx_window', nat(LIMITS.txWindowSeconds)],
    ['icrc7:permitted_drift', nat(LIMITS.permittedDriftSeconds)],
    ['icrc37:max_approvals_per_token_or_collection', nat(LIMITS.maxApprovalsPerTokenOrCollection)],
    ['icrc37:max_revoke_approvals', nat(LIMITS.maxRevokeApprovals)]
  ];
}
