import { describeCallError } from '@chargex/common';
import { call, IDL, Principal } from 'azle';

import { Account, AccountIdl } from '../icrc3/account';

const Blob = IDL.Vec(IDL.Nat8);
const GenericIdl = IDL.Record({ error_code: IDL.Nat, message: IDL.Text });

/** Errors icrc1_transfer and icrc2_transfer_from share (ICRC-1/2), plus transfer_from's allowance error. */
export type LedgerTransferError =
  | { BadFee: { expected_fee: bigint } }
  | { BadBurn: { min_burn_amount: bigint } }
  | { InsufficientFunds: { balance: bigint } }
  | { InsufficientAllowance: { allowance: bigint } }
  | { TooOld: null }
  | { CreatedInFuture: { ledger_time: bigint } }
  | { Duplicate: { duplicate_of: bigint } }
  | { TemporarilyUnavailable: null }
  | { GenericError: { error_code: bigint; message: string } };

const sharedErrorArms = {
  BadFee: IDL.Record({ expected_fee: IDL.Nat }),
  BadBurn: IDL.Record({ min_burn_amount: IDL.Nat }),
  InsufficientFunds: IDL.Record({ balance: IDL.Nat }),
  TooOld: IDL.Null,
  CreatedInFuture: IDL.Record({ ledger_time: IDL.Nat64 }),
  Duplicate: IDL.Record({ duplicate_of: IDL.Nat }),
  TemporarilyUnavailable: IDL.Null,
  GenericError: GenericIdl
};

const TransferArgIdl = IDL.Record({
  from_subaccount: IDL.Opt(Blob),
  to: AccountIdl,
  amount: IDL.Nat,
  fee: IDL.Opt(IDL.Nat),
  memo: IDL.Opt(Blob),
  created_at_time: IDL.Opt(IDL.Nat64)
});
const TransferResultIdl = IDL.Variant({ Ok: IDL.Nat, Err: IDL.Variant(sharedErrorArms) });
const TransferFromArgsIdl = IDL.Record({
  spender_subaccount: IDL.Opt(Blob),
  from: AccountIdl,
  to: AccountIdl,
  amount: IDL.Nat,
  fee: IDL.Opt(IDL.Nat),
  memo: IDL.Opt(Blob),
  created_at_time: IDL.Opt(IDL.Nat64)
});
const TransferFromResultIdl = IDL.Variant({
  Ok: IDL.Nat,
  Err: IDL.Variant({ ...sharedErrorArms, InsufficientAllowance: IDL.Record({ allowance: IDL.Nat }) })
});

/** How a ledger call ended: the ledger's answer, or a reject (with whether the transfer may still have happened). */
export type LedgerOutcome =
  | { kind: 'ok'; block: bigint }
  | { kind: 'refused'; error: LedgerTransferError }
  | { kind: 'rejected'; reason: string; mayHaveHappened: boolean };

/** One transfer the canister makes, with the fields that make retrying it idempotent. */
export interface LedgerTransfer {
  to: Account;
  amount: bigint;
  fee: [] | [bigint];
  memo: Uint8Array;
  createdAt: bigint;
}

/** A reject code of SYS_UNKNOWN: the call may or may not have been executed. */
const SYS_UNKNOWN = 6;

/** icrc1_transfer out of the canister's default account (the escrow). */
export async function transferOut(ledger: Principal, transfer: LedgerTransfer): Promise<LedgerOutcome> {
  return outcomeOf(() =>
    call(ledger, 'icrc1_transfer', {
      paramIdlTypes: [TransferArgIdl],
      returnIdlType: TransferResultIdl,
      args: [
        {
          from_subaccount: [],
          to: transfer.to,
          amount: transfer.amount,
          fee: transfer.fee,
          memo: [transfer.memo],
          created_at_time: [transfer.createdAt]
        }
      ]
    })
  );
}

/** icrc2_transfer_from `from` into the canister's default account (the escrow), the payer paying the fee. */
export async function pullFrom(
  ledger: Principal,
  escrow: Account,
  from: Account,
  transfer: Omit<LedgerTransfer, 'to' | 'fee'>
): Promise<LedgerOutcome> {
  return outcomeOf(() =>
    call(ledger, 'icrc2_transfer_from', {
      paramIdlTypes: [TransferFromArgsIdl],
      returnIdlType: TransferFromResultIdl,
      args: [
        {
          spender_subaccount: [],
          from,
          to: escrow,
          amount: transfer.amount,
          fee: [],
          memo: [transfer.memo],
          created_at_time: [transfer.createdAt]
        }
      ]
    })
  );
}

/** icrc1_balance_of. */
export async function balanceOf(ledger: Principal, account: Account): Promise<bigint> {
  return call(ledger, 'icrc1_balance_of', { paramIdlTypes: [AccountIdl], returnIdlType: IDL.Nat, args: [account] });
}

/** icrc1_fee. */
export async function ledgerFee(ledger: Principal): Promise<bigint> {
  return call(ledger, 'icrc1_fee', { paramIdlTypes: [], returnIdlType: IDL.Nat, args: [] });
}

/** A ledger error as one line of text, for logs and stored diagnostics. */
export function describeLedgerError(error: LedgerTransferError): string {
  return JSON.stringify(error, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

async function outcomeOf(send: () => Promise<{ Ok: bigint } | { Err: LedgerTransferError }>): Promise<LedgerOutcome> {
  try {
    const result = await send();
    return 'Ok' in result ? { kind: 'ok', block: result.Ok } : { kind: 'refused', error: result.Err };
  } catch (error) {
    const code = (error as { rejectCode?: unknown }).rejectCode;
    return { kind: 'rejected', reason: describeCallError(error), mayHaveHappened: code === SYS_UNKNOWN };
  }
}
