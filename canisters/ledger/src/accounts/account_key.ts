import { Codec } from '@chargex/common';
import { Principal } from '@dfinity/principal';

import { Account } from '../idl/account';
import { effectiveSubaccount, SUBACCOUNT_BYTES } from './account';

/**
 * An account as a map key: one length byte, the owner's bytes, then the effective subaccount's 32 bytes. The
 * subaccount is always written in full, so `{owner, null}` and `{owner, 32 zero bytes}` are one key and one balance.
 */
export function accountKey(account: Account): Uint8Array {
  const owner = account.owner.toUint8Array();
  const out = new Uint8Array(1 + owner.length + SUBACCOUNT_BYTES);
  out[0] = owner.length;
  out.set(owner, 1);
  out.set(effectiveSubaccount(account), 1 + owner.length);
  return out;
}

/** Reads an account key written by `accountKey` at `offset`; returns the account and the offset past it. */
export function readAccountKey(bytes: Uint8Array, offset: number): [Account, number] {
  const ownerLength = bytes[offset];
  const end = offset + 1 + ownerLength + SUBACCOUNT_BYTES;
  if (ownerLength === undefined || end > bytes.length) {
    throw new Error(`account key truncated at offset ${offset}`);
  }
  const owner = Principal.fromUint8Array(bytes.slice(offset + 1, offset + 1 + ownerLength));
  return [{ owner, subaccount: [bytes.slice(offset + 1 + ownerLength, end)] }, end];
}

/** Codec of account keys for StableBTreeMap. */
export const accountKeyCodec: Codec<Account> = {
  toBytes: accountKey,
  fromBytes(bytes) {
    const [account, end] = readAccountKey(bytes, 0);
    if (end !== bytes.length) {
      throw new Error(`account key has ${bytes.length - end} trailing bytes`);
    }
    return account;
  }
};
