import { err, ok, Result } from '@chargex/common';

import { BlockTransaction, BlockType, deduplicationKey, transactionHash } from '../blocks/block';
import { DeduplicationError } from '../idl/icrc1';
import { Ledger } from './ledger';
import { refuseByDeduplication } from './request_checks';

/** A validated request: the block it will write and how it changes the books. */
export interface TransactionPlan<E> {
  btype: BlockType;
  /** The block-level fee: the fee charged when the request did not set one (transfers and approvals). */
  fee: bigint | undefined;
  tx: BlockTransaction;
  createdAt: bigint | undefined;
  /** Refuses what the books cannot bear now (funds, allowance, approval preconditions). */
  refusal(): E | undefined;
  /** Changes balances and allowances; only called once nothing refused the transaction. */
  apply(): void;
}

/**
 * Runs a plan: deduplication checks (on the transaction's hash, when the request set created_at_time), then the books' checks, then the change and its
 * block. Returns the block index.
 */
export function commit<E>(ledger: Ledger, plan: TransactionPlan<E>, now: bigint): Result<bigint, E | DeduplicationError> {
  const txHash = transactionHash(plan.tx);
  const deduplication =
    plan.createdAt === undefined ? undefined : { key: deduplicationKey(plan.btype, txHash), createdAt: plan.createdAt };
  const refused = refuseByDeduplication(ledger.dedup, deduplication, now) ?? plan.refusal();
  if (refused !== undefined) {
    return err(refused);
  }
  plan.apply();
  const { btype, fee, tx } = plan;
  return ok(ledger.record({ btype, fee, tx, txHash, deduplication }, now));
}
