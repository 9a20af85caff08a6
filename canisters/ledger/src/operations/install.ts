import { Principal } from '@dfinity/principal';

import { sameAccount, subaccountProblem } from '../accounts/account';
import { Account } from '../idl/account';
import { LedgerArg } from '../idl/ledger_arg';
import { Ledger } from './ledger';
import { executeTransfer } from './transfer';

/**
 * Applies the install argument: the minting account (by default the ledger's own default account, which no one
 * can sign for, so tokens are then minted only by `mint_for_local_dev`) and the initial balances, each recorded as
 * a mint block. A bad argument throws, which fails the install.
 */
export function installLedger(ledger: Ledger, arg: LedgerArg | undefined, self: Principal, now: bigint): void {
  const minting = arg?.minting_account[0] ?? { owner: self, subaccount: [] };
  requireValidAccount('minting_account', minting);
  ledger.setMintingAccount(minting);
  for (const [to, amount] of arg?.initial_balances[0] ?? []) {
    requireValidAccount('initial_balances', to);
    const minted = executeTransfer(
      ledger,
      { from: minting, to, spender: undefined, amount, fee: [], memo: [], createdAt: [] },
      now
    );
    if ('Err' in minted) {
      throw new Error(`initial balance of ${amount} for ${to.owner.toText()} refused: ${JSON.stringify(minted.Err, bigintText)}`);
    }
  }
}

/**
 * Checks an upgrade argument against the installed ledger: the minting account cannot change (throwing rolls the
 * upgrade back); initial balances only apply at install, so deploy tools may pass the same argument again.
 */
export function checkUpgradeArg(ledger: Ledger, arg: LedgerArg | undefined): void {
  const minting = arg?.minting_account[0];
  if (minting !== undefined && !sameAccount(minting, ledger.mintingAccount())) {
    throw new Error('the minting account is set at install and cannot be changed by an upgrade');
  }
}

function requireValidAccount(field: string, account: Account): void {
  const problem = subaccountProblem(account.subaccount);
  if (problem !== undefined) {
    throw new Error(`${field}: ${problem}`);
  }
}

function bigintText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
