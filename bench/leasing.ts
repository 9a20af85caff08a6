/**
 * Leasing benchmark: time per battery NFT transfer and stable-memory bytes per battery token, for the leasing
 * canister against a naive NFT canister measured in the same run (test/leasing/canisters/naive_nft: one
 * StableBTreeMap entry per token in Azle's default tagged JSON, no block log, deduplication, approvals or owner
 * index). localnet does not meter instructions (performance_counter returns 0), so cost is shown as wall time per
 * call in this process and as stable-memory bytes actually written (4 KiB chunks touched, over many tokens).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { leasingIdlFactory, leasingInit, type LeasingService, profileIdlFactory, type ProfileService } from '@chargex/client';
import { LocalNet } from 'localnet';

import { buildCanisters } from '../scripts/build/index.js';
import { report } from './report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BASELINE_ROOT = join(ROOT, 'test', 'leasing', 'canisters');
const TOKENS = 300;
const BATCH = 50;
const WARMUP = 30;
/** Warm-up tokens get ids and serials after the measured ones. */
const WARMUP_BASE = 1_000;
const STABLE_CHUNK_BYTES = 4096;
const PEERS = ['profile', 'leasing', 'telemetry', 'ai', 'alerts', 'trust', 'energy', 'ledger'];

type Metadata = Array<[string, { Text: string } | { Nat: bigint }]>;
type NaiveService = {
  mint(id: bigint, owner: Principal, metadata: Metadata): Promise<boolean>;
  transfer(id: bigint, to: Principal): Promise<boolean>;
};
const naiveIdlFactory: IDL.InterfaceFactory = ({ IDL: I }) => {
  const Metadata = I.Vec(I.Tuple(I.Text, I.Variant({ Text: I.Text, Nat: I.Nat })));
  return I.Service({
    mint: I.Func([I.Nat, I.Principal, Metadata], [I.Bool], []),
    transfer: I.Func([I.Nat, I.Principal], [I.Bool], []),
  });
};

/** Runs the leasing benchmark and prints its lines. */
export async function benchLeasing(): Promise<void> {
  const [built] = await buildCanisters({ root: BASELINE_ROOT, names: ['naive_nft'] });
  if (built?.status === 'failed') throw new Error(`naive_nft did not build:\n${built.output}`);
  const net = await LocalNet.create({ clock: 'manual' });
  try {
    const [alice, bob] = [Ed25519KeyIdentity.generate(), Ed25519KeyIdentity.generate()];
    const { leasing: leasingId, asAlice, asBob } = await installLeasing(net, alice, bob);
    const naiveId = await net.createCanister();
    await net.installCode({ canisterId: naiveId, wasm: wasmOf(BASELINE_ROOT, 'naive_nft') });
    const naive = (identity: Ed25519KeyIdentity) => net.createActor<NaiveService>(naiveIdlFactory, naiveId, { identity });
    const stable = (id: Principal) => net.replica.getCanister(id)!.stable.storedChunkCount * STABLE_CHUNK_BYTES;

    // Warm-up: Node compiles hot wasm functions again, optimised, after their first calls; measure after that.
    await timePair(WARMUP, (i) => register(asAlice, alice, WARMUP_BASE + i), (i) => mintNaive(naive(alice), WARMUP_BASE + i, alice));
    await timePair(WARMUP, (i) => transferOurs(asAlice, WARMUP_BASE + i, bob), (i) => transferNaive(naive(alice), WARMUP_BASE + i, bob));

    // Minting: the same battery description in both; ours also writes its ICRC-3 block, serial and owner indexes.
    const [oursBefore, naiveBefore] = [stable(leasingId), stable(naiveId)];
    const [mintOurs, mintNaiveMs] = await timePair(TOKENS, (i) => register(asAlice, alice, i), (i) => mintNaive(naive(alice), i, alice));
    report('ms per battery registration (mint)', mintOurs, 'naive NFT mint', mintNaiveMs);
    report('stable bytes per battery token (with block, indexes)', (stable(leasingId) - oursBefore) / TOKENS, 'naive NFT token', (stable(naiveId) - naiveBefore) / TOKENS);

    // Transfers: alice gives every token to bob, one call each.
    const [oneOurs, oneNaive] = await timePair(TOKENS, (i) => transferOurs(asAlice, i, bob), (i) => transferNaive(naive(alice), i, bob));
    report('ms per icrc7_transfer of one token', oneOurs, 'naive NFT transfer', oneNaive);

    // Batches: bob gives them back, max_update_batch_size tokens per call, against the naive canister's transfers back.
    const back = { owner: alice.getPrincipal(), subaccount: [] as [] };
    const [perBatch, naiveBack] = await timePair(
      TOKENS / BATCH,
      (b) => asBob.icrc7_transfer(Array.from({ length: BATCH }, (_, i) => transferArg(b * BATCH + i, back))).then(() => undefined),
      async (b) => {
        for (let i = 0; i < BATCH; i++) await transferNaive(naive(bob), b * BATCH + i, alice);
      }
    );
    report(`ms per token in icrc7_transfer batches of ${BATCH}`, perBatch / BATCH, 'naive NFT transfer', naiveBack / BATCH);

    const [deduplicated, naiveAgain] = await timePair(
      TOKENS,
      (i) => transferOurs(asAlice, i, bob, [net.now()]),
      (i) => transferNaive(naive(alice), i, bob)
    );
    report('ms per icrc7_transfer with created_at_time (deduplicated)', deduplicated, 'naive NFT transfer', naiveAgain);
  } finally {
    await net.stop();
  }
}

const wasmOf = (root: string, name: string) => new Uint8Array(readFileSync(join(root, '.azle', name, `${name}.wasm`)));

/** Profile and leasing configured with each other, alice a fleet operator. */
async function installLeasing(net: LocalNet, alice: Ed25519KeyIdentity, bob: Ed25519KeyIdentity) {
  const [profile, leasing] = [await net.createCanister(), await net.createCanister()];
  const config = Object.fromEntries(PEERS.map((name) => [name, name === 'profile' ? [profile] : name === 'leasing' ? [leasing] : []]));
  const arg = new Uint8Array(IDL.encode(leasingInit({ IDL }), [[config]]));
  await net.installCode({ canisterId: profile, wasm: wasmOf(ROOT, 'profile'), arg });
  await net.installCode({ canisterId: leasing, wasm: wasmOf(ROOT, 'leasing'), arg });
  await net.tick();
  await net.createActor<ProfileService>(profileIdlFactory, profile).grant_role(alice.getPrincipal(), { fleet_operator: null });
  const actor = (identity: Ed25519KeyIdentity) => net.createActor<LeasingService>(leasingIdlFactory, leasing, { identity });
  return { leasing, asAlice: actor(alice), asBob: actor(bob) };
}

function registration(i: number, owner: Principal): Parameters<LeasingService['register_battery']>[0] {
  return {
    owner: [{ owner, subaccount: [] }],
    serial: `BENCH-${String(i).padStart(6, '0')}`,
    manufacturer: 'CATL',
    model: 'LFP-280',
    chemistry: { LFP: null },
    nominal_voltage_mv: 51_200,
    capacity_wh: 14_336,
    manufactured_on: '2024-03-01',
    monitor_device_id: `esp32-${i}`,
    cycle_count: 0,
    state_of_health_bp: 10_000,
  };
}

/** The metadata leasing derives from `registration(i)`, given to the naive canister as is. */
function naiveMetadata(i: number): Metadata {
  const battery = registration(i, Principal.anonymous());
  return [
    ['chargex:serial', { Text: battery.serial }],
    ['chargex:manufacturer', { Text: battery.manufacturer }],
    ['chargex:model', { Text: battery.model }],
    ['chargex:chemistry', { Text: 'LFP' }],
    ['chargex:nominal_voltage_mv', { Nat: BigInt(battery.nominal_voltage_mv) }],
    ['chargex:capacity_wh', { Nat: BigInt(battery.capacity_wh) }],
    ['chargex:manufactured_on', { Text: battery.manufactured_on }],
    ['chargex:monitor_device_id', { Text: battery.monitor_device_id }],
    ['chargex:cycle_count', { Nat: BigInt(battery.cycle_count) }],
    ['chargex:state_of_health_bp', { Nat: BigInt(battery.state_of_health_bp) }],
  ];
}

/**
 * Mean milliseconds per call of `ours(i)` and of `naive(i)` for i = 0 .. count-1, alternating call by call so that
 * both see the same load on a shared machine.
 */
async function timePair(count: number, ours: (i: number) => Promise<void>, naive: (i: number) => Promise<void>): Promise<[number, number]> {
  const spent = [0, 0];
  for (let i = 0; i < count; i++) {
    for (const [side, call] of [ours, naive].entries()) {
      const started = performance.now();
      await call(i);
      spent[side]! += performance.now() - started;
    }
  }
  return [spent[0]! / count, spent[1]! / count];
}

async function register(api: LeasingService, owner: Ed25519KeyIdentity, i: number): Promise<void> {
  const minted = await api.register_battery(registration(i, owner.getPrincipal()));
  if (!('Ok' in minted)) throw new Error(`register_battery refused: ${JSON.stringify(minted.Err)}`);
}

async function mintNaive(api: NaiveService, i: number, owner: Ed25519KeyIdentity): Promise<void> {
  if (!(await api.mint(tokenId(i), owner.getPrincipal(), naiveMetadata(i)))) throw new Error('naive mint refused');
}

async function transferOurs(api: LeasingService, i: number, to: Ed25519KeyIdentity, createdAt: [] | [bigint] = []): Promise<void> {
  const [result] = await api.icrc7_transfer([{ ...transferArg(i, { owner: to.getPrincipal(), subaccount: [] }), created_at_time: createdAt }]);
  if (!result?.[0] || !('Ok' in result[0])) throw new Error(`icrc7_transfer refused: ${JSON.stringify(result)}`);
}

async function transferNaive(api: NaiveService, i: number, to: Ed25519KeyIdentity): Promise<void> {
  if (!(await api.transfer(tokenId(i), to.getPrincipal()))) throw new Error('naive transfer refused');
}

/** Registered batteries get ids 1, 2, ... in registration order: measured ones first, then the warm-up ones. */
function tokenId(i: number): bigint {
  return BigInt(i < WARMUP_BASE ? i + WARMUP + 1 : i - WARMUP_BASE + 1);
}

function transferArg(i: number, to: { owner: Principal; subaccount: [] }) {
  return { token_id: tokenId(i), to, from_subaccount: [] as [], memo: [] as [], created_at_time: [] as [] | [bigint] };
}
