import { named } from '@chargex/common';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

/** ICRC-1 account: an owner and an optional 32-byte subaccount (null means 32 zero bytes). */
export interface Account {
  owner: Principal;
  subaccount: [] | [Uint8Array];
}

/** Candid `blob` of a subaccount. */
export const SubaccountIdl = IDL.Vec(IDL.Nat8);

/** Candid type of Account. */
export const AccountIdl = named('Account', IDL.Record({ owner: IDL.Principal, subaccount: IDL.Opt(SubaccountIdl) }));
