import { CanisterConfig, named, PEER_NAMES } from '@chargex/common';
import { IDL } from '@dfinity/candid';

import { Account, AccountIdl } from './account';
import { Opt } from './icrc1';

/**
 * The install/upgrade argument: CanisterConfig's peer fields plus the ledger's own, all optional. Because it is a
 * record with every CanisterConfig field, the `opt CanisterConfig` that deploy tools pass to every canister decodes
 * into it unchanged (the ledger fields read as null), while an operator can also name the minting account and
 * initial balances.
 */
export type LedgerArg = CanisterConfig & {
  minting_account: Opt<Account>;
  initial_balances: Opt<Array<[Account, bigint]>>;
};

/** Candid type of LedgerArg. */
export const LedgerArgIdl = named(
  'LedgerArg',
  IDL.Record({
    ...Object.fromEntries(PEER_NAMES.map((name) => [name, IDL.Opt(IDL.Principal)])),
    minting_account: IDL.Opt(AccountIdl),
    initial_balances: IDL.Opt(IDL.Vec(IDL.Tuple(AccountIdl, IDL.Nat)))
  })
);

/** Candid type of the @init / @postUpgrade argument `opt LedgerArg`. */
export const LedgerArgOptIdl = IDL.Opt(LedgerArgIdl);

/** The peer config carried by a LedgerArg. */
export function configOf(arg: LedgerArg): CanisterConfig {
  return Object.fromEntries(PEER_NAMES.map((name) => [name, arg[name]])) as unknown as CanisterConfig;
}

/** Argument of mint_for_local_dev. */
export interface LocalMintArgs {
  to: Account;
  amount: bigint;
  memo: Opt<Uint8Array>;
}

/** Candid type of LocalMintArgs. */
export const LocalMintArgsIdl = named(
  'LocalMintArgs',
  IDL.Record({ to: AccountIdl, amount: IDL.Nat, memo: IDL.Opt(IDL.Vec(IDL.Nat8)) })
);
