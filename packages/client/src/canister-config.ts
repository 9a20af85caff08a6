import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import { profileInit } from './declarations/index.js';

/** The canisters a ChargeX canister may know through its CanisterConfig, in the record's field order. */
export const CHARGEX_CANISTERS = ['profile', 'leasing', 'telemetry', 'ai', 'alerts', 'trust', 'energy', 'ledger'] as const;
export type ChargexCanister = (typeof CHARGEX_CANISTERS)[number];

/**
 * The candid-encoded `opt CanisterConfig` install/upgrade argument naming the given canisters. Encoded with the
 * init types of profile's .did, which every ChargeX canister shares, so a change of the record shows up here.
 */
export function encodeCanisterConfigArg(ids: Partial<Record<string, Principal>>): Uint8Array {
  const config = Object.fromEntries(CHARGEX_CANISTERS.map((name) => [name, ids[name] ? [ids[name]] : []]));
  return new Uint8Array(IDL.encode(profileInit({ IDL }), [[config]]));
}
