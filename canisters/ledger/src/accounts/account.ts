import { Account } from '../idl/account';

/** Length of every subaccount. */
export const SUBACCOUNT_BYTES = 32;

/** The default subaccount: what a null subaccount stands for. */
export const DEFAULT_SUBACCOUNT = new Uint8Array(SUBACCOUNT_BYTES);

/** The subaccount an account really names (null is the 32 zero bytes). */
export function effectiveSubaccount(account: Account): Uint8Array {
  return account.subaccount[0] ?? DEFAULT_SUBACCOUNT;
}

/** Why a given subaccount cannot name an account, or undefined when it can. */
export function subaccountProblem(subaccount: [] | [Uint8Array]): string | undefined {
  const bytes = subaccount[0];
  return bytes === undefined || bytes.length === SUBACCOUNT_BYTES
    ? undefined
    : `a subaccount has ${SUBACCOUNT_BYTES} bytes, got ${bytes.length}`;
}

/** Tells whether two accounts are the same one (a null subaccount equals 32 zero bytes). */
export function sameAccount(a: Account, b: Account): boolean {
  return a.owner.compareTo(b.owner) === 'eq' && sameBytes(effectiveSubaccount(a), effectiveSubaccount(b));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
