/**
 * localnet execution-core benchmark: call throughput through the in-process API, install time, memory and
 * on-disk bytes per canister. Every figure is printed next to a baseline measured in this same run, as a ratio.
 */
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDL } from '@dfinity/candid';
import { LocalNet } from 'localnet';
import { loadCanisterModule } from '../localnet/src/wasm/canister-module.js';
import { Canister, defaultSettings } from '../localnet/src/canister/canister.js';
import { parseHeapTracking } from '../localnet/src/canister/heap-setup.js';
import { Execution } from '../localnet/src/execution/execution.js';
import { canisterIdFromIndex } from '../localnet/src/replica/canister-ids.js';
import { installTicker, probeIdl, probeWasm, tickerWasm, type ProbeService } from '../test/support/test-canisters.js';
import { report, timeLoop } from './report.js';

const CALLS = 1_000;
const INSTALLS = 5;
const EMPTY_ARG = new Uint8Array(IDL.encode([], []));

export async function benchLocalnetCore(): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'bench-localnet-'));
  const net = await LocalNet.create({ clock: 'manual', stateDir });
  try {
    const { id: tickerId } = await installTicker(net);

    // Baseline: the same export executed directly on a bare runtime, no replica, queue, call context or journal.
    const bare = bareRuntime(tickerWasm());
    const direct = timeLoop(CALLS, () => {
      const context = { caller: Uint8Array.of(4), methodName: 'allowed', cyclesAvailable: 0n, replied: false };
      bare.runtime.runExport('canister_update allowed', new Execution('update', 1n, { arg: EMPTY_ARG, callContext: context }));
    });
    const updates = await timeLoopAsync(CALLS, () => net.updateCall(tickerId, 'allowed', EMPTY_ARG));
    const queries = await timeLoopAsync(CALLS, () => net.queryCall(tickerId, 'heartbeats', EMPTY_ARG));
    report('trivial update calls/s (in-process API, journaled)', updates.perSecond, 'bare export run', direct.perSecond);
    report('trivial query calls/s (in-process API)', queries.perSecond, 'bare export run', direct.perSecond);

    // Install time and memory per canister, against instantiating and initialising the same module bare.
    const installStart = performance.now();
    const rssBefore = process.memoryUsage().rss;
    const ids = [];
    for (let i = 0; i < INSTALLS; i++) {
      const id = await net.createCanister();
      await net.installCode({ canisterId: id, wasm: probeWasm(), arg: new Uint8Array(IDL.encode([IDL.Opt(IDL.Text)], [[]])) });
      ids.push(id);
    }
    const installMs = (performance.now() - installStart) / INSTALLS;
    const rssPerCanister = (process.memoryUsage().rss - rssBefore) / INSTALLS;
    const bareInstallStart = performance.now();
    const bareProbe = bareRuntime(probeWasm());
    const bareInit = performance.now() - bareInstallStart;
    report('canister install ms (create + install_code + init + snapshot)', installMs, 'bare instantiate + init ms', bareInit);
    const heapBytes = net.replica.getCanister(ids[0]!)!.runtime!.heapBytes;
    report('process memory per installed canister (MiB)', rssPerCanister / 2 ** 20, 'its wasm linear memory (MiB)', heapBytes / 2 ** 20);

    // Disk: sparse stable memory against the dense stable memory Azle reserves.
    const canister = net.replica.getCanister(ids[0]!)!;
    const onDisk = directoryBytes(join(stateDir, 'canisters', ids[0]!.toText()));
    const reserved = Number(canister.stable.sizePages) * 65536;
    report('state bytes on disk after install (MiB)', onDisk / 2 ** 20, 'dense stable memory reserved (MiB)', reserved / 2 ** 20);
    const stableStored = canister.stable.storedChunkCount * 4096;
    report('stable memory bytes stored (KiB)', stableStored / 1024, 'dense stable memory reserved (KiB)', reserved / 1024);

    // Journal growth per acknowledged update against a full snapshot per update (the naive way to be durable).
    const probe = net.createActor<ProbeService>(probeIdl, ids[0]!);
    const journal = join(stateDir, 'canisters', ids[0]!.toText(), 'journal.bin');
    const journalBefore = statSync(journal).size;
    for (let i = 0; i < 100; i++) await probe.put(`key-${i}`, 'x'.repeat(100));
    const perUpdate = (statSync(journal).size - journalBefore) / 100;
    const snapshot = statSync(join(stateDir, 'canisters', ids[0]!.toText(), 'snapshot.bin')).size;
    report('journal bytes per StableBTreeMap update (KiB)', perUpdate / 1024, 'full snapshot per update (KiB)', snapshot / 1024);
    void bareProbe;
  } finally {
    await net.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

function bareRuntime(wasm: Uint8Array) {
  const canister = new Canister(canisterIdFromIndex(1), defaultSettings([]), 10n ** 15n, () => undefined);
  const runtime = canister.instantiate(loadCanisterModule(wasm), { tracking: parseHeapTracking(process.env.LOCALNET_HEAP_TRACKING) });
  canister.runtime = runtime;
  runtime.runExport('canister_init', new Execution('init', 1n, { arg: new Uint8Array(IDL.encode([IDL.Opt(IDL.Text)], [[]])), caller: Uint8Array.of(4) }));
  return { canister, runtime };
}

async function timeLoopAsync(count: number, body: () => Promise<unknown>): Promise<{ perSecond: number }> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await body();
  return { perSecond: (count * 1000) / (performance.now() - started) };
}

function directoryBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}
