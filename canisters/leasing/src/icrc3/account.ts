import { compareBytes, KeyPart, named, OrderedKey, Value } from '@chargex/common';
import { IDL, Principal } from 'azle';

/** An ICRC-1 account: a principal and an optional 32-byte subaccount (none means all zeros). */
export interface Account {
  owner: Principal;
  subaccount: [] | [Uint8Array];
}

/** Candid type of Account. */
export const AccountIdl = named('Account', IDL.Record({ owner: IDL.Principal, subaccount: IDL.Opt(IDL.Vec(IDL.Nat8)) }));

/** Subaccounts are exactly this long. */
export const SUBACCOUNT_BYTES = 32;

/** Tells whether an optional subaccount is well formed (absent, or exactly 32 bytes). */
export function validSubaccount(subaccount: [] | [Uint8Array]): boolean {
  return subaccount.length === 0 || subaccount[0].length === SUBACCOUNT_BYTES;
}

/** The account with the all-zero subaccount written as none, so equal accounts have one form. */
export function canonicalAccount(account: Account): Account {
  const sub = account.subaccount[0];
  return { owner: account.owner, subaccount: sub === undefined || sub.every((byte) => byte === 0) ? [] : [sub] };
}

/** The account `owner` holds at `subaccount` (none: the default subaccount). */
export function accountOf(owner: Principal, subaccount: [] | [Uint8Array]): Account {
  return canonicalAccount({ owner, subaccount });
}

/** Tells whether two accounts are the same account (the all-zero subaccount equals none). */
export function sameAccount(a: Account, b: Account): boolean {
  return compareAccounts(a, b) === 0;
}

/** Orders accounts by their key bytes (any fixed order serves pagination). */
export function compareAccounts(a: Account, b: Account): number {
  return compareBytes(accountKey.write(canonicalAccount(a)), accountKey.write(canonicalAccount(b)));
}

/** The 32 bytes of an optional subaccount (none: all zeros). */
export function subaccountBytes(subaccount: [] | [Uint8Array]): Uint8Array {
  return subaccount[0] ?? new Uint8Array(SUBACCOUNT_BYTES);
}

/** Orders optional subaccounts by their bytes (none equals all zeros). */
export function compareSubaccounts(a: [] | [Uint8Array], b: [] | [Uint8Array]): number {
  return compareBytes(subaccountBytes(a), subaccountBytes(b));
}

/** Tells whether two optional subaccounts name the same subaccount (none equals all zeros). */
export function subaccountsEqual(a: [] | [Uint8Array], b: [] | [Uint8Array]): boolean {
  return compareSubaccounts(a, b) === 0;
}

/** An account as an ICRC-3 value: an array of the owner's bytes and, unless default, the subaccount. */
export function accountValue(account: Account): Value {
  const canonical = canonicalAccount(account);
  const owner: Value = { Blob: canonical.owner.toUint8Array() };
  return { Array: canonical.subaccount.length === 0 ? [owner] : [owner, { Blob: canonical.subaccount[0] }] };
}

/**
 * An account as a stored key: the length-prefixed principal, then 0 for the default subaccount or 1 and its 32
 * bytes. Callers store canonical accounts, so one account has one key.
 */
export const accountKey: KeyPart<Account> = {
  write: writeAccountKey,
  read: readAccountKey,
  toBytes: writeAccountKey,
  fromBytes: (bytes) => readAccountKey(bytes, 0)[0]
};

function writeAccountKey(account: Account): Uint8Array {
  const owner = OrderedKey.principal.write(account.owner);
  const sub = account.subaccount[0];
  const out = new Uint8Array(owner.length + 1 + (sub === undefined ? 0 : SUBACCOUNT_BYTES));
  out.set(owner);
  if (sub !== undefined) {
    out[owner.length] = 1;
    out.set(sub, owner.length + 1);
  }
  return out;
}

function readAccountKey(bytes: Uint8Array, offset: number): [Account, number] {
  const [owner, next] = OrderedKey.principal.read(bytes, offset);
  if (bytes[next] === 0) {
    return [{ owner, subaccount: [] }, next + 1];
  }
  const start = next + 1;
  return [{ owner, subaccount: [bytes.slice(start, start + SUBACCOUNT_BYTES)] }, start + SUBACCOUNT_BYTES];
}
