import { CommonError, err, invalidArgument, Result } from '@chargex/common';

import { subaccountProblem } from '../accounts/account';
import { LocalMintArgs } from '../idl/ledger_arg';
import { GENERIC_ERROR } from './generic_error';
import { Ledger } from './ledger';
import { executeTransfer } from './transfer';

/**
 * Mints `amount` to `to` as if the minting account had sent it (an ordinary `1mint` block). For local development,
 * where the minting account is often the ledger itself; callers are checked to be controllers, who could install
 * any code anyway, so this grants them nothing new.
 */
export function mintForLocalDev(ledger: Ledger, args: LocalMintArgs, now: bigint): Result<bigint, CommonError> {
  const problem = subaccountProblem(args.to.subaccount);
  if (problem !== undefined) {
    return err(invalidArgument('to', problem));
  }
  if (ledger.isMintingAccount(args.to)) {
    return err(invalidArgument('to', 'is the minting account'));
  }
  const minted = executeTransfer(
    ledger,
    { from: ledger.mintingAccount(), to: args.to, spender: undefined, amount: args.amount, fee: [], memo: args.memo, createdAt: [] },
    now
  );
  if ('Ok' in minted) {
    return minted;
  }
  const refusal = minted.Err;
  if ('GenericError' in refusal) {
    const field = refusal.GenericError.error_code === GENERIC_ERROR.memoTooLong ? 'memo' : 'amount';
    return err(invalidArgument(field, refusal.GenericError.message));
  }
  // A mint can only otherwise fail on an amount no account can hold.
  return err(invalidArgument('amount', 'must fit in u64'));
}
