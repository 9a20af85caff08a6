import { Principal } from '@dfinity/principal';

import { TransferArg } from '../idl/icrc1';
import { TransferFromArgs } from '../idl/icrc2';
import { refuseAnonymous, refuseBadSubaccounts } from './request_checks';
import { TransferRequest } from './transfer';

type Checked = { refusal: NonNullable<ReturnType<typeof refuseAnonymous>> } | { request: TransferRequest };

/** The transfer icrc1_transfer asks for: from the caller's account, no spender. */
export function transferRequest(caller: Principal, arg: TransferArg): Checked {
  const refusal =
    refuseAnonymous(caller) ??
    refuseBadSubaccounts({ from_subaccount: arg.from_subaccount, 'to.subaccount': arg.to.subaccount });
  if (refusal !== undefined) {
    return { refusal };
  }
  const { to, amount, fee, memo } = arg;
  const from = { owner: caller, subaccount: arg.from_subaccount };
  return { request: { from, to, spender: undefined, amount, fee, memo, createdAt: arg.created_at_time } };
}

/** The transfer icrc2_transfer_from asks for: from `arg.from`, spent by the caller's (sub)account. */
export function transferFromRequest(caller: Principal, arg: TransferFromArgs): Checked {
  const refusal =
    refuseAnonymous(caller) ??
    refuseBadSubaccounts({
      spender_subaccount: arg.spender_subaccount,
      'from.subaccount': arg.from.subaccount,
      'to.subaccount': arg.to.subaccount
    });
  if (refusal !== undefined) {
    return { refusal };
  }
  const { from, to, amount, fee, memo } = arg;
  const spender = { owner: caller, subaccount: arg.spender_subaccount };
  return { request: { from, to, spender, amount, fee, memo, createdAt: arg.created_at_time } };
}
