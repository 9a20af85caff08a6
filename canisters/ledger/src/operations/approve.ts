import { err, Result } from '@chargex/common';

import { blockAccount, BlockTransaction } from '../blocks/block';
import { Account } from '../idl/account';
import { ApproveArgs, ApproveError } from '../idl/icrc2';
import { MAX_TOKENS, TOKEN } from '../token';
import { GENERIC_ERROR, genericError } from './generic_error';
import { Ledger } from './ledger';
import { refuseLongMemo } from './request_checks';
import { commit, TransactionPlan } from './transaction_plan';

/**
 * Executes icrc2_approve for the account `from`: sets the spender's allowance (and expiry) and charges the fee to
 * `from`. As on DFINITY's ledger, amounts above u64 are capped and an expected allowance above u64 cannot match.
 */
export function executeApprove(ledger: Ledger, from: Account, args: ApproveArgs, now: bigint): Result<bigint, ApproveError> {
  if (from.owner.compareTo(args.spender.owner) === 'eq') {
    return err(genericError(GENERIC_ERROR.selfApproval, 'the spender cannot have the approver\'s own principal'));
  }
  if (ledger.isMintingAccount(from)) {
    return err(genericError(GENERIC_ERROR.mintingAccountCannotDelegate, 'the minting account cannot approve'));
  }
  const refused = refuseLongMemo(args.memo);
  if (refused !== undefined) {
    return err(refused);
  }
  const expected = args.expected_allowance[0];
  if (expected !== undefined && expected > MAX_TOKENS) {
    return err({ AllowanceChanged: { current_allowance: ledger.allowances.allowance(from, args.spender, now).amount } });
  }
  const fee = args.fee[0];
  if (fee !== undefined && fee !== TOKEN.fee) {
    return err({ BadFee: { expected_fee: TOKEN.fee } });
  }
  return commit(ledger, approvalPlan(ledger, from, args, now), now);
}

function approvalPlan(ledger: Ledger, from: Account, args: ApproveArgs, now: bigint): TransactionPlan<ApproveError> {
  const { spender } = args;
  const amount = args.amount < MAX_TOKENS ? args.amount : MAX_TOKENS;
  const expiresAt = args.expires_at[0];
  const expected = args.expected_allowance[0];
  const tx: BlockTransaction = { amt: amount, from: blockAccount(from), spender: blockAccount(spender) };
  if (expected !== undefined) tx.expected_allowance = expected;
  if (expiresAt !== undefined) tx.expires_at = expiresAt;
  if (args.fee[0] !== undefined) tx.fee = args.fee[0];
  if (args.memo[0] !== undefined) tx.memo = args.memo[0];
  if (args.created_at_time[0] !== undefined) tx.ts = args.created_at_time[0];
  return {
    btype: '2approve',
    fee: args.fee[0] === undefined ? TOKEN.fee : undefined,
    tx,
    createdAt: args.created_at_time[0],
    refusal: (): ApproveError | undefined => {
      // DFINITY's ledger takes the fee first, so a poor approver hears InsufficientFunds before anything else.
      const balance = ledger.balances.balanceOf(from);
      if (balance < TOKEN.fee) {
        return { InsufficientFunds: { balance } };
      }
      if (expiresAt !== undefined && expiresAt <= now) {
        return { Expired: { ledger_time: now } };
      }
      const current = ledger.allowances.allowance(from, spender, now).amount;
      return expected !== undefined && expected !== current ? { AllowanceChanged: { current_allowance: current } } : undefined;
    },
    apply: () => {
      ledger.balances.burn(from, TOKEN.fee);
      ledger.allowances.set(from, spender, amount, expiresAt);
      ledger.allowanceStored(amount > 0n ? expiresAt : undefined);
    }
  };
}
