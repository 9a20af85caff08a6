/**
 * Ledger benchmark: time per ICRC-1 transfer, and stable-memory bytes per block and per account, for the ledger
 * canister against a naive ledger measured in the same run (test/ledger/canisters/naive_ledger: Azle's default
 * JSON StableBTreeMaps holding whole records). localnet does not meter instructions (performance_counter returns
 * 0), so cost is shown as wall time per call in this process and as stable-memory bytes actually written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { ledgerIdlFactory, ledgerInit, type LedgerService } from '@chargex/client';
import { LocalNet } from 'localnet';

import { buildCanisters } from '../scripts/build/index.js';
import { report } from './report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BASELINE_ROOT = join(ROOT, 'test', 'ledger', 'canisters');
const WARMUP = 20;
const TRANSFERS = 1_000;
const NEW_ACCOUNTS = 1_000;
const STABLE_CHUNK_BYTES = 4096;

type Account = { owner: Principal; subaccount: [] | [Uint8Array] };
type TransferArg = Parameters<LedgerService['icrc1_transfer']>[0];

/** What the benchmark calls on either canister. */
interface Transferring {
  transfer(arg: TransferArg): Promise<{ Ok: bigint } | { Err: unknown }>;
}

const naiveIdlFactory: IDL.InterfaceFactory = ({ IDL: I }) => {
  const AccountIdl = I.Record({ owner: I.Principal, subaccount: I.Opt(I.Vec(I.Nat8)) });
  const TransferArgIdl = I.Record({
    from_subaccount: I.Opt(I.Vec(I.Nat8)),
    to: AccountIdl,
    amount: I.Nat,
    fee: I.Opt(I.Nat),
    memo: I.Opt(I.Vec(I.Nat8)),
    created_at_time: I.Opt(I.Nat64),
  });
  return I.Service({
    mint: I.Func([AccountIdl, I.Nat], [I.Nat], []),
    transfer: I.Func([TransferArgIdl], [I.Variant({ Ok: I.Nat, Err: I.Text })], []),
  });
};
type NaiveService = {
  mint(to: Account, amount: bigint): Promise<bigint>;
  transfer(arg: TransferArg): Promise<{ Ok: bigint } | { Err: string }>;
};

/** Runs the ledger benchmark and prints its lines. */
export async function benchLedger(): Promise<void> {
  await buildBaseline();
  const net = await LocalNet.create({ clock: 'manual' });
  try {
    const sender = Ed25519KeyIdentity.generate();
    const receiver = account(Ed25519KeyIdentity.generate().getPrincipal());
    const ledger = await installLedger(net, sender);
    const naive = await installNaive(net, sender);

    const existing = await measurePair(net, [ledger, naive], TRANSFERS, () => receiver);
    report('ms per icrc1_transfer, existing accounts (median)', existing[0].msPerCall, 'naive JSON ledger', existing[1].msPerCall);
    report('stable bytes per block (transfer)', existing[0].bytesPerCall, 'naive JSON ledger', existing[1].bytesPerCall);

    const fresh = await measurePair(net, [ledger, naive], NEW_ACCOUNTS, () => account(Ed25519KeyIdentity.generate().getPrincipal()));
    report('ms per icrc1_transfer, new recipient (median)', fresh[0].msPerCall, 'naive JSON ledger', fresh[1].msPerCall);
    report(
      'stable bytes per new account (its balance entry)',
      fresh[0].bytesPerCall - existing[0].bytesPerCall,
      'naive JSON ledger',
      fresh[1].bytesPerCall - existing[1].bytesPerCall,
    );
  } finally {
    await net.stop();
  }
}

async function buildBaseline(): Promise<void> {
  const [result] = await buildCanisters({ root: BASELINE_ROOT, names: ['naive_ledger'] });
  if (result?.status === 'failed') throw new Error(`naive_ledger did not build:\n${result.output}`);
}

const account = (owner: Principal): Account => ({ owner, subaccount: [] });
const wasmOf = (root: string, name: string) => new Uint8Array(readFileSync(join(root, '.azle', name, `${name}.wasm`)));

async function installLedger(net: LocalNet, sender: Ed25519KeyIdentity) {
  const id = await net.createCanister();
  const peers = ['profile', 'leasing', 'telemetry', 'ai', 'alerts', 'trust', 'energy', 'ledger'].map((name) => [name, []]);
  const arg = { ...Object.fromEntries(peers), minting_account: [], initial_balances: [[[account(sender.getPrincipal()), 10n ** 15n]]] };
  await net.installCode({ canisterId: id, wasm: wasmOf(ROOT, 'ledger'), arg: new Uint8Array(IDL.encode(ledgerInit({ IDL }), [[arg]])) });
  await net.tick();
  const actor = net.createActor<LedgerService>(ledgerIdlFactory, id, { identity: sender });
  return { id, api: { transfer: (transfer: TransferArg) => actor.icrc1_transfer(transfer) } satisfies Transferring };
}

async function installNaive(net: LocalNet, sender: Ed25519KeyIdentity) {
  const id = await net.createCanister();
  await net.installCode({ canisterId: id, wasm: wasmOf(BASELINE_ROOT, 'naive_ledger') });
  await net.tick();
  const actor = net.createActor<NaiveService>(naiveIdlFactory, id, { identity: sender });
  await actor.mint(account(sender.getPrincipal()), 10n ** 15n);
  return { id, api: { transfer: (transfer: TransferArg) => actor.transfer(transfer) } satisfies Transferring };
}

/**
 * Median time and stable-memory growth per transfer over `count` transfers (after a warm-up) to `recipient()`,
 * alternating between the targets call by call so that both see the same load on a shared machine.
 */
async function measurePair(net: LocalNet, targets: Array<{ id: Principal; api: Transferring }>, count: number, recipient: () => Account) {
  const transfer = async (target: Transferring) => {
    const result = await target.transfer({ from_subaccount: [], to: recipient(), amount: 1_000n, fee: [], memo: [], created_at_time: [] });
    if (!('Ok' in result)) throw new Error(`benchmark transfer refused: ${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))}`);
  };
  for (let i = 0; i < WARMUP; i++) for (const target of targets) await transfer(target.api);
  const stables = targets.map((target) => net.replica.getCanister(target.id)!.stable);
  const chunksBefore = stables.map((stable) => stable.storedChunkCount);
  const durations = targets.map((): number[] => []);
  for (let i = 0; i < count; i++) {
    for (const [t, target] of targets.entries()) {
      const started = performance.now();
      await transfer(target.api);
      durations[t]!.push(performance.now() - started);
    }
  }
  return targets.map((_, t) => ({
    msPerCall: median(durations[t]!),
    bytesPerCall: ((stables[t]!.storedChunkCount - chunksBefore[t]!) * STABLE_CHUNK_BYTES) / count,
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
