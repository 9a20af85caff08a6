/**
 * Heap tracking benchmark: the same calls on two replicas in one process, one finding changed heap chunks from
 * write marks compiled into the canister code, one comparing the whole heap after every message. Rounds
 * alternate between the two so that load from other processes hits both alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import { LocalNet, type HeapTracking } from 'localnet';
import { Canister, defaultSettings } from '../localnet/src/canister/canister.js';
import { Execution } from '../localnet/src/execution/execution.js';
import { canisterIdFromIndex } from '../localnet/src/replica/canister-ids.js';
import { loadCanisterModule } from '../localnet/src/wasm/canister-module.js';
import { addWriteMarks } from '../localnet/src/wasm/write-marks.js';
import { installProbe, installTicker, probeArg, probeWasm } from '../test/support/test-canisters.js';
import { report } from './report.js';

const WARM_UP_CALLS = 300;
const ROUNDS = 6;
const CALLS_PER_ROUND = 250;
const INIT_RUNS = 8;
const EMPTY_ARG = new Uint8Array(IDL.encode([], []));

interface Side {
  net: LocalNet;
  ticker: Principal;
  probe: Principal;
}

/** Run first in the process, so the pass's own code is still cold for its first measurement. */
export async function benchHeapTracking(): Promise<void> {
  const pass = passTimes();
  const stateDir = mkdtempSync(join(tmpdir(), 'bench-tracking-'));
  const installStarted = performance.now();
  const compare = await openSide(join(stateDir, 'compare'), 'compare');
  const installMs = performance.now() - installStarted;
  const sides = { instrumented: await openSide(join(stateDir, 'instrumented'), 'instrumented'), compare };
  try {
    const workloads: [string, (side: Side, i: number) => Promise<unknown>][] = [
      ['trivial update calls/s (journaled)', (side) => side.net.updateCall(side.ticker, 'allowed', EMPTY_ARG)],
      ['trivial query calls/s', (side) => side.net.queryCall(side.ticker, 'heartbeats', EMPTY_ARG)],
      ['StableBTreeMap put calls/s (journaled)', (side, i) => side.net.updateCall(side.probe, 'put', putArg(i))],
    ];
    for (const [what, call] of workloads) {
      const rates = await alternate(sides, call);
      report(`${what}, write-marked heap tracking`, rates.instrumented, 'full heap comparison', rates.compare);
    }
    const init = initTimes();
    report('probe canister_init ms, write-marked code', init.instrumented, 'unmarked code', init.compare);
    const heap = (side: Side) => side.net.replica.getCanister(side.probe)!.runtime!.heapBytes / 2 ** 20;
    report('probe heap MiB, write-marked (incl. 1 MiB write map)', heap(sides.instrumented), 'unmarked', heap(sides.compare));
    report('write-mark pass ms, probe wasm, first run in process', pass.first, 'start + install ticker and probe ms', installMs);
    report('write-mark pass ms, probe wasm, warm', pass.warm, 'first run in process', pass.first);
  } finally {
    for (const side of Object.values(sides)) await side.net.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

async function openSide(stateDir: string, heapTracking: HeapTracking): Promise<Side> {
  const net = await LocalNet.create({ clock: 'manual', stateDir, heapTracking });
  const side = { net, ticker: (await installTicker(net)).id, probe: (await installProbe(net)).id };
  if (net.replica.getCanister(side.probe)!.runtime!.heapTracking !== heapTracking) throw new Error(`${heapTracking} not in effect`);
  return side;
}

/** Calls per second on each side, warm, over alternating rounds. */
async function alternate(
  sides: Record<'instrumented' | 'compare', Side>,
  call: (side: Side, i: number) => Promise<unknown>,
): Promise<Record<'instrumented' | 'compare', number>> {
  const elapsed = { instrumented: 0, compare: 0 };
  for (const name of ['instrumented', 'compare'] as const) {
    for (let i = 0; i < WARM_UP_CALLS; i++) await call(sides[name], i);
  }
  let counter = WARM_UP_CALLS;
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['instrumented', 'compare'] as const) : (['compare', 'instrumented'] as const);
    for (const name of order) {
      const started = performance.now();
      for (let i = 0; i < CALLS_PER_ROUND; i++) await call(sides[name], counter + i);
      elapsed[name] += performance.now() - started;
    }
    counter += CALLS_PER_ROUND;
  }
  const rate = (ms: number) => (ROUNDS * CALLS_PER_ROUND * 1000) / ms;
  return { instrumented: rate(elapsed.instrumented), compare: rate(elapsed.compare) };
}

/** Median canister_init time on fresh bare runtimes: the cost of executing marked code, tracking included. */
function initTimes(): Record<'instrumented' | 'compare', number> {
  const module = loadCanisterModule(probeWasm());
  const times = { instrumented: [] as number[], compare: [] as number[] };
  for (let run = 0; run < INIT_RUNS; run++) {
    for (const tracking of ['instrumented', 'compare'] as const) {
      const canister = new Canister(canisterIdFromIndex(1), defaultSettings([]), 10n ** 15n, () => undefined);
      const runtime = canister.instantiate(module, { tracking });
      const started = performance.now();
      runtime.runExport('canister_init', new Execution('init', 1n, { arg: probeArg(), caller: Uint8Array.of(4) }));
      times[tracking].push(performance.now() - started);
    }
  }
  return { instrumented: median(times.instrumented), compare: median(times.compare) };
}

function passTimes(): { first: number; warm: number } {
  const wasm = probeWasm();
  const runs = Array.from({ length: 4 }, () => {
    const started = performance.now();
    addWriteMarks(wasm);
    return performance.now() - started;
  });
  return { first: runs[0]!, warm: median(runs.slice(1)) };
}

function putArg(i: number): Uint8Array {
  return new Uint8Array(IDL.encode([IDL.Text, IDL.Text], [`key-${i % 500}`, 'x'.repeat(100)]));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
