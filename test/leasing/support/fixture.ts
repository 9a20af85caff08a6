/**
 * The leasing canister's real wasm in a manual-clock localnet, with the canisters it works with: profile (roles),
 * ledger (ICRC-1/2 payments) and telemetry (a health reporter). Types come from the generated client
 * declarations, never from the canisters' sources.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import {
  leasingIdlFactory,
  leasingInit,
  type LeasingService,
  ledgerIdlFactory,
  ledgerInit,
  type LedgerService,
  profileIdlFactory,
  type ProfileService,
} from '@chargex/client';
import { deployDfxProject, LocalNet, MANAGEMENT_CANISTER_ID, type DeployedCanisters } from 'localnet';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PEER_NAMES = ['profile', 'leasing', 'telemetry', 'ai', 'alerts', 'trust', 'energy', 'ledger'] as const;

export type Account = Parameters<LeasingService['icrc7_balance_of']>[0][number];
export type Role = Parameters<ProfileService['grant_role']>[1];
export type Registration = Parameters<LeasingService['register_battery']>[0];
export type LeaseTerms = Parameters<LeasingService['list_for_lease']>[2];
export type Lease = Extract<Awaited<ReturnType<LeasingService['get_lease']>>, { Ok: unknown }>['Ok'];

/** A day in milliseconds, for advancing the manual clock. */
export const DAY_MS = 86_400_000;

/** The ledger's fee (ckBTC's). */
export const FEE = 10n;

/** The `opt CanisterConfig` argument naming the deployed canisters. */
export function configArg(ids: DeployedCanisters): Uint8Array {
  return new Uint8Array(IDL.encode(leasingInit({ IDL }), [[peers(ids)]]));
}

function peers(ids: DeployedCanisters): Record<string, [] | [Principal]> {
  return Object.fromEntries(PEER_NAMES.map((name) => [name, ids[name] ? [ids[name]] : []]));
}

/** The ledger's install argument: the peer config, no initial balances (tests mint what they need). */
function ledgerArg(ids: DeployedCanisters): Uint8Array {
  return new Uint8Array(IDL.encode(ledgerInit({ IDL }), [[{ ...peers(ids), minting_account: [], initial_balances: [] }]]));
}

/** A 32-byte subaccount whose last byte is `n`. */
export function subaccount(n: number): Uint8Array {
  const bytes = new Uint8Array(32);
  bytes[31] = n;
  return bytes;
}

/** The account of `owner` (an identity or principal) with an optional subaccount. */
export function account(owner: Principal | Ed25519KeyIdentity, sub?: Uint8Array): Account {
  const principal = owner instanceof Principal ? owner : owner.getPrincipal();
  return { owner: principal, subaccount: sub === undefined ? [] : [sub] };
}

/** The Ok value of a result, or a thrown error showing the Err. */
export function okOf<T>(result: { Ok: T } | { Err: unknown }): T {
  if (!('Ok' in result)) {
    throw new Error(`expected Ok, got ${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  }
  return result.Ok;
}

/** A registration of battery `serial` with plausible values; `overrides` replace any field. */
export function registration(serial: string, overrides: Partial<Registration> = {}): Registration {
  return {
    owner: [],
    serial,
    manufacturer: 'CATL',
    model: 'LFP-280',
    chemistry: { LFP: null },
    nominal_voltage_mv: 51_200,
    capacity_wh: 14_336,
    manufactured_on: '2024-03-01',
    monitor_device_id: `esp32-${serial}`,
    cycle_count: 12,
    state_of_health_bp: 9_800,
    ...overrides,
  };
}

/** Lease terms with round numbers; `overrides` replace any field. */
export function leaseTerms(overrides: Partial<LeaseTerms> = {}): LeaseTerms {
  return {
    rate_per_day: 1_000n,
    deposit: 50_000n,
    billing_period_days: 7,
    min_days: 14,
    max_days: 28,
    late_fee_per_day: 500n,
    grace_period_days: 3,
    max_soh_drop_bp: 200,
    soh_penalty_per_bp: 100n,
    ...overrides,
  };
}

/** localnet with the leasing canister and its peers deployed. */
export interface LeasingFixture {
  net: LocalNet;
  ids: DeployedCanisters;
  /** The leasing canister, called as `identity` (the local controller when none). */
  leasing(identity?: Ed25519KeyIdentity): LeasingService;
  /** The leasing canister called as an arbitrary principal (anonymous, or a peer canister's id). */
  leasingAs(sender: Principal): LeasingService;
  /** The ledger, called as `identity` (the local controller when none). */
  ledger(identity?: Ed25519KeyIdentity): LedgerService;
  /** Grants `role` through profile, as the controller (profile pushes it to leasing before replying). */
  grant(identity: Ed25519KeyIdentity, role: Role): Promise<void>;
  /** Mints `amount` ledger tokens to the identity's default account. */
  fund(identity: Ed25519KeyIdentity, amount: bigint): Promise<void>;
  /** Registers a battery as `operator` (who must be a fleet operator); returns its token id. */
  register(operator: Ed25519KeyIdentity, serial: string, overrides?: Partial<Registration>): Promise<bigint>;
  /** Lets the leasing canister take up to `amount` from the identity's default account (icrc2_approve). */
  approve(identity: Ed25519KeyIdentity, amount: bigint): Promise<void>;
  /** The ledger balance of an identity's default account, or of the leasing canister's escrow. */
  balance(owner: Ed25519KeyIdentity | 'escrow'): Promise<bigint>;
  /** Runs due timers and queued messages until nothing more is due (payouts, retries). */
  settle(): Promise<void>;
  /** Stops or starts the ledger canister (a stopped canister rejects every call with IC0508). */
  setLedgerRunning(running: boolean): Promise<void>;
}

/** Starts localnet and deploys profile, ledger, telemetry and leasing, each configured with the others' ids. */
export async function startLeasing(): Promise<LeasingFixture> {
  const net = await LocalNet.create({ clock: 'manual' });
  const ids = await deployDfxProject(net, {
    root: ROOT,
    names: ['profile', 'ledger', 'telemetry', 'leasing'],
    initArg: (name, deployed) => (name === 'ledger' ? ledgerArg(deployed) : configArg(deployed)),
    canisterIdsFile: join(mkdtempSync(join(tmpdir(), 'leasing-test-')), 'canister_ids.json'),
  });
  await net.tick();
  const leasing = (identity?: Ed25519KeyIdentity) =>
    net.createActor<LeasingService>(leasingIdlFactory, ids.leasing!, identity ? { identity } : {});
  const leasingAs = (sender: Principal) => net.createActor<LeasingService>(leasingIdlFactory, ids.leasing!, { sender });
  const ledger = (identity?: Ed25519KeyIdentity) =>
    net.createActor<LedgerService>(ledgerIdlFactory, ids.ledger!, identity ? { identity } : {});
  const profile = net.createActor<ProfileService>(profileIdlFactory, ids.profile!);
  return {
    net,
    ids,
    leasing,
    leasingAs,
    ledger,
    async grant(identity, role) {
      okOf(await profile.grant_role(identity.getPrincipal(), role));
    },
    async fund(identity, amount) {
      okOf(await ledger().mint_for_local_dev({ to: account(identity), amount, memo: [] }));
    },
    async register(operator, serial, overrides = {}) {
      return okOf(await leasing(operator).register_battery(registration(serial, overrides))).token_id;
    },
    async approve(identity, amount) {
      okOf(
        await ledger(identity).icrc2_approve({
          spender: account(ids.leasing!),
          amount,
          from_subaccount: [],
          expected_allowance: [],
          expires_at: [],
          fee: [],
          memo: [],
          created_at_time: [],
        }),
      );
    },
    async balance(owner) {
      return ledger().icrc1_balance_of(owner === 'escrow' ? account(ids.leasing!) : account(owner));
    },
    async settle() {
      await net.advanceTime(0);
    },
    async setLedgerRunning(running) {
      const arg = new Uint8Array(IDL.encode([IDL.Record({ canister_id: IDL.Principal })], [{ canister_id: ids.ledger! }]));
      await net.updateCall(MANAGEMENT_CANISTER_ID, running ? 'start_canister' : 'stop_canister', arg);
    },
  };
}

/** A fresh identity. */
export const newIdentity = (): Ed25519KeyIdentity => Ed25519KeyIdentity.generate();
