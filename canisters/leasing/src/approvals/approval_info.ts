import { named } from '@chargex/common';
import { IDL } from 'azle';

import { Account, AccountIdl, canonicalAccount, compareAccounts, compareSubaccounts } from '../icrc3/account';

/** An ICRC-37 approval: who may transfer, out of which subaccount, until when. */
export interface ApprovalInfo {
  spender: Account;
  from_subaccount: [] | [Uint8Array];
  expires_at: [] | [bigint];
  memo: [] | [Uint8Array];
  created_at_time: bigint;
}

const Blob = IDL.Vec(IDL.Nat8);

/** Candid type of ApprovalInfo (also its stored form). */
export const ApprovalInfoIdl = named(
  'ApprovalInfo',
  IDL.Record({
    spender: AccountIdl,
    from_subaccount: IDL.Opt(Blob),
    expires_at: IDL.Opt(IDL.Nat64),
    memo: IDL.Opt(Blob),
    created_at_time: IDL.Nat64
  })
);

/** Tells whether an approval is still in force at `now` (no expiry, or an expiry after now). */
export function isActive(approval: ApprovalInfo, now: bigint): boolean {
  const expiresAt = approval.expires_at[0];
  return expiresAt === undefined || expiresAt > now;
}

/** The approval with its spender and subaccount in canonical form, as it is stored and compared. */
export function canonicalApproval(approval: ApprovalInfo): ApprovalInfo {
  const from = canonicalAccount({ owner: approval.spender.owner, subaccount: approval.from_subaccount });
  return { ...approval, spender: canonicalAccount(approval.spender), from_subaccount: from.subaccount };
}

/** Orders approvals by subaccount, then spender: the pagination order of both approval listings. */
export function compareApprovals(a: ApprovalInfo, b: ApprovalInfo): number {
  const bySubaccount = compareSubaccounts(a.from_subaccount, b.from_subaccount);
  return bySubaccount !== 0 ? bySubaccount : compareAccounts(a.spender, b.spender);
}
