/**
 * Starting the ledger canister's real wasm in localnet for the ledger tests, with typed actors and argument
 * builders. Types come from the generated client declarations, never from the canister's sources.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { ledgerIdlFactory, ledgerInit, type LedgerService } from '@chargex/client';
import { LocalNet } from 'localnet';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export type Account = Parameters<LedgerService['icrc1_balance_of']>[0];
export type TransferArg = Parameters<LedgerService['icrc1_transfer']>[0];
export type ApproveArgs = Parameters<LedgerService['icrc2_approve']>[0];
export type TransferFromArgs = Parameters<LedgerService['icrc2_transfer_from']>[0];
export type Icrc3Value = Awaited<ReturnType<LedgerService['icrc3_get_blocks']>>['blocks'][number]['block'];

const PEER_NAMES = ['profile', 'leasing', 'telemetry', 'ai', 'alerts', 'trust', 'energy', 'ledger'] as const;

/** The ledger's wasm as `npm run build` left it. */
export const ledgerWasm = (): Uint8Array => new Uint8Array(readFileSync(join(ROOT, '.azle', 'ledger', 'ledger.wasm')));

/** The fee of the ledger under test (ICRC-1 icrc1_fee). */
export const FEE = 10n;
/** u64::MAX: the most tokens an account or the supply can hold. */
export const U64_MAX = (1n << 64n) - 1n;
/** ICRC-1 TX_WINDOW and PERMITTED_DRIFT of the ledger under test, in nanoseconds. */
export const TX_WINDOW_NS = 24n * 3600n * 1_000_000_000n;
export const PERMITTED_DRIFT_NS = 120n * 1_000_000_000n;

/** The `opt LedgerArg` install argument: peer config fields plus the ledger's own, all optional. */
export function encodeLedgerArg(
  arg: { minting_account?: Account; initial_balances?: Array<[Account, bigint]>; config?: Partial<Record<(typeof PEER_NAMES)[number], Principal>> } | null
): Uint8Array {
  if (arg === null) {
    return new Uint8Array(IDL.encode(ledgerInit({ IDL }), [[]]));
  }
  const peers = Object.fromEntries(PEER_NAMES.map((name) => [name, arg.config?.[name] ? [arg.config[name]] : []]));
  const value = {
    ...peers,
    minting_account: arg.minting_account ? [arg.minting_account] : [],
    initial_balances: arg.initial_balances ? [arg.initial_balances] : [],
  };
  return new Uint8Array(IDL.encode(ledgerInit({ IDL }), [[value]]));
}

/** A 32-byte subaccount whose last byte is `n` (0 gives the default subaccount written out). */
export function subaccount(n: number): Uint8Array {
  const bytes = new Uint8Array(32);
  bytes[31] = n;
  return bytes;
}

/** The account of `owner` with an optional subaccount. */
export function account(owner: Principal | Ed25519KeyIdentity, sub?: Uint8Array): Account {
  const principal = owner instanceof Principal ? owner : owner.getPrincipal();
  return { owner: principal, subaccount: sub === undefined ? [] : [sub] };
}

/** icrc1_transfer argument with every optional field null unless given. */
export function transferArg(to: Account, amount: bigint, extra: Partial<TransferArg> = {}): TransferArg {
  return { from_subaccount: [], to, amount, fee: [], memo: [], created_at_time: [], ...extra };
}

/** icrc2_approve argument with every optional field null unless given. */
export function approveArg(spender: Account, amount: bigint, extra: Partial<ApproveArgs> = {}): ApproveArgs {
  return { from_subaccount: [], spender, amount, expected_allowance: [], expires_at: [], fee: [], memo: [], created_at_time: [], ...extra };
}

/** icrc2_transfer_from argument with every optional field null unless given. */
export function transferFromArg(from: Account, to: Account, amount: bigint, extra: Partial<TransferFromArgs> = {}): TransferFromArgs {
  return { spender_subaccount: [], from, to, amount, fee: [], memo: [], created_at_time: [], ...extra };
}

/** The Ok value of a result, or a thrown error showing the Err. */
export function okOf<T>(result: { Ok: T } | { Err: unknown }): T {
  if (!('Ok' in result)) {
    throw new Error(`expected Ok, got ${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  }
  return result.Ok;
}

/** The GenericError refusal with `code` (codes are documented in canisters/ledger/README.md). */
export const genericError = (code: bigint) => ({ Err: { GenericError: { error_code: code, message: expect.any(String) } } });

/** A ledger installed in a fresh manual-clock localnet. */
export interface LedgerFixture {
  net: LocalNet;
  id: Principal;
  /** An actor calling as `identity` (or as the anonymous principal when `identity` is 'anonymous'). */
  as(identity: Ed25519KeyIdentity | 'anonymous'): LedgerService;
  /** An actor calling as the local controller (who installed the ledger). */
  controller(): LedgerService;
  /** A count from the `status` query. */
  count(name: string): Promise<bigint | undefined>;
}

/** Starts localnet and installs the ledger with `arg`. */
export async function startLedger(arg: Parameters<typeof encodeLedgerArg>[0]): Promise<LedgerFixture> {
  const net = await LocalNet.create({ clock: 'manual' });
  const id = await net.createCanister();
  await net.installCode({ canisterId: id, wasm: ledgerWasm(), arg: encodeLedgerArg(arg) });
  await net.tick();
  const as = (identity: Ed25519KeyIdentity | 'anonymous'): LedgerService =>
    net.createActor<LedgerService>(ledgerIdlFactory, id, identity === 'anonymous' ? { sender: Principal.anonymous() } : { identity });
  const controller = () => net.createActor<LedgerService>(ledgerIdlFactory, id);
  const count = async (name: string) => (await controller().status()).counts.find(([key]) => key === name)?.[1];
  return { net, id, as, controller, count };
}

/** A fresh identity. */
export const newIdentity = (): Ed25519KeyIdentity => Ed25519KeyIdentity.generate();
