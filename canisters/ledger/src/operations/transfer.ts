import { err, ok, Result } from '@chargex/common';

import { sameAccount } from '../accounts/account';
import { blockAccount, BlockTransaction } from '../blocks/block';
import { Account } from '../idl/account';
import { Opt } from '../idl/icrc1';
import { TransferFromError } from '../idl/icrc2';
import { MAX_TOKENS, TOKEN } from '../token';
import { GENERIC_ERROR, genericError } from './generic_error';
import { Ledger } from './ledger';
import { refuseLongMemo } from './request_checks';
import { commit, TransactionPlan } from './transaction_plan';

/** A transfer as icrc1_transfer (no spender) or icrc2_transfer_from (spender = caller's account) asks for it. */
export interface TransferRequest {
  from: Account;
  to: Account;
  spender: Account | undefined;
  amount: bigint;
  fee: Opt<bigint>;
  memo: Opt<Uint8Array>;
  createdAt: Opt<bigint>;
}

type Planned = Result<TransactionPlan<TransferFromError>, TransferFromError>;

/**
 * Executes a transfer, a mint (from the minting account, no fee) or a burn (to the minting account, no fee, at
 * least the minimum burn amount), as DFINITY's ICRC-1 ledger does. Returns the block index.
 */
export function executeTransfer(ledger: Ledger, request: TransferRequest, now: bigint): Result<bigint, TransferFromError> {
  const refused = refuseLongMemo(request.memo);
  if (refused !== undefined) {
    return err(refused);
  }
  if (request.amount > MAX_TOKENS) {
    // No account can hold more than u64 tokens, so the amount is necessarily above the balance.
    return err({ InsufficientFunds: { balance: ledger.balances.balanceOf(request.from) } });
  }
  const planned: Planned = ledger.isMintingAccount(request.to)
    ? planBurn(ledger, request, now)
    : ledger.isMintingAccount(request.from)
      ? planMint(ledger, request)
      : planTransfer(ledger, request, now);
  return 'Err' in planned ? planned : commit(ledger, planned.Ok, now);
}

function planBurn(ledger: Ledger, request: TransferRequest, now: bigint): Planned {
  const { from, spender, amount } = request;
  if (!feeIs(request.fee, 0n)) {
    return err({ BadFee: { expected_fee: 0n } });
  }
  const balance = ledger.balances.balanceOf(from);
  const minBurnAmount = TOKEN.fee < balance ? TOKEN.fee : balance;
  if (amount < minBurnAmount) {
    return err({ BadBurn: { min_burn_amount: minBurnAmount } });
  }
  if (amount === 0n) {
    return err({ BadBurn: { min_burn_amount: TOKEN.fee } });
  }
  const delegate = delegateOf(request);
  const tx: BlockTransaction = { ...requestFields(request), from: blockAccount(from) };
  if (spender !== undefined) tx.spender = blockAccount(spender);
  return ok({
    btype: '1burn',
    fee: undefined,
    tx,
    createdAt: request.createdAt[0],
    refusal: () => refuseSpend(ledger, from, delegate, amount, now),
    apply: () => {
      ledger.balances.burn(from, amount);
      if (delegate !== undefined) ledger.allowances.use(from, delegate, amount, now);
    }
  });
}

function planMint(ledger: Ledger, request: TransferRequest): Planned {
  const { to, amount } = request;
  if (request.spender !== undefined) {
    return err(genericError(GENERIC_ERROR.mintingAccountCannotDelegate, 'the minting account cannot delegate mints'));
  }
  if (!feeIs(request.fee, 0n)) {
    return err({ BadFee: { expected_fee: 0n } });
  }
  if (ledger.balances.totalSupply() + amount > MAX_TOKENS) {
    return err(genericError(GENERIC_ERROR.supplyOverflow, `minting ${amount} would take the total supply past u64`));
  }
  return ok({
    btype: '1mint',
    fee: undefined,
    tx: { ...requestFields(request), to: blockAccount(to) },
    createdAt: request.createdAt[0],
    refusal: () => undefined,
    apply: () => ledger.balances.mint(to, amount)
  });
}

function planTransfer(ledger: Ledger, request: TransferRequest, now: bigint): Planned {
  const { from, to, spender, amount } = request;
  if (!feeIs(request.fee, TOKEN.fee)) {
    return err({ BadFee: { expected_fee: TOKEN.fee } });
  }
  const delegate = delegateOf(request);
  const tx: BlockTransaction = { ...requestFields(request), from: blockAccount(from), to: blockAccount(to) };
  if (spender !== undefined) tx.spender = blockAccount(spender);
  if (request.fee[0] !== undefined) tx.fee = request.fee[0];
  return ok({
    btype: spender === undefined ? '1xfer' : '2xfer',
    fee: request.fee[0] === undefined ? TOKEN.fee : undefined,
    tx,
    createdAt: request.createdAt[0],
    refusal: () => refuseSpend(ledger, from, delegate, amount + TOKEN.fee, now),
    apply: () => {
      ledger.balances.transfer(from, to, amount, TOKEN.fee);
      if (delegate !== undefined) ledger.allowances.use(from, delegate, amount + TOKEN.fee, now);
    }
  });
}

/** InsufficientAllowance (checked first, as on DFINITY's ledger), then InsufficientFunds, for spending `total`. */
function refuseSpend(
  ledger: Ledger,
  from: Account,
  delegate: Account | undefined,
  total: bigint,
  now: bigint
): TransferFromError | undefined {
  if (delegate !== undefined) {
    const allowance = ledger.allowances.allowance(from, delegate, now).amount;
    if (allowance < total) {
      return { InsufficientAllowance: { allowance } };
    }
  }
  const balance = ledger.balances.balanceOf(from);
  return balance < total ? { InsufficientFunds: { balance } } : undefined;
}

/** The spender whose allowance pays: none when the owner spends from its own account (ICRC-2 postconditions). */
function delegateOf(request: TransferRequest): Account | undefined {
  const { spender, from } = request;
  return spender !== undefined && !sameAccount(spender, from) ? spender : undefined;
}

function feeIs(fee: Opt<bigint>, expected: bigint): boolean {
  return fee[0] === undefined || fee[0] === expected;
}

/** The tx fields every operation records when the user set them. */
function requestFields(request: TransferRequest): BlockTransaction {
  const tx: BlockTransaction = { amt: request.amount };
  if (request.memo[0] !== undefined) tx.memo = request.memo[0];
  if (request.createdAt[0] !== undefined) tx.ts = request.createdAt[0];
  return tx;
}
