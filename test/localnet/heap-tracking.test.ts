import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDL } from '@dfinity/candid';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalNet, type HeapTracking } from 'localnet';
import { Canister, defaultSettings } from '../../localnet/src/canister/canister.js';
import { CHUNK_BYTES as CHUNK } from '../../localnet/src/canister/stable-memory.js';
import type { CanisterRuntime, ChangeMode } from '../../localnet/src/canister/runtime.js';
import { Execution, type ExecutionKind } from '../../localnet/src/execution/execution.js';
import { canisterIdFromIndex } from '../../localnet/src/replica/canister-ids.js';
import { loadCanisterModule } from '../../localnet/src/wasm/canister-module.js';
import { assemble, i32, u32 } from '../support/wasm-assembler.js';
import { installProbe, probeArg, probeIdl, probeWasm, type ProbeService } from '../support/test-canisters.js';

function bareProbe(tracking: HeapTracking): CanisterRuntime {
  const canister = new Canister(canisterIdFromIndex(1), defaultSettings([]), 10n ** 15n, () => undefined);
  return canister.instantiate(loadCanisterModule(probeWasm()), { tracking });
}

function heapCopy(runtime: CanisterRuntime): Uint8Array[] {
  return Array.from({ length: runtime.heapBytes / CHUNK }, (_, index) => runtime.heapChunk(index));
}

/** Chunks whose bytes differ between two heap copies; the shorter copy counts as zero past its end. */
function changedChunks(before: Uint8Array[], after: Uint8Array[]): number[] {
  const zero = new Uint8Array(CHUNK);
  return after.flatMap((chunk, index) => (Buffer.compare(chunk, before[index] ?? zero) === 0 ? [] : [index]));
}

function run(runtime: CanisterRuntime, kind: ExecutionKind, method: string, arg: Uint8Array, mode: ChangeMode = 'commit') {
  const callContext = { caller: Uint8Array.of(4), methodName: method, cyclesAvailable: 0n, replied: false };
  const execution = new Execution(kind, 1n, kind === 'init' ? { arg, caller: Uint8Array.of(4) } : { arg, callContext });
  const prefix = kind === 'init' ? '' : kind === 'query' ? 'canister_query ' : 'canister_update ';
  return runtime.runExport(kind === 'init' ? 'canister_init' : prefix + method, execution, mode);
}

const putArg = (key: string, value: string) => new Uint8Array(IDL.encode([IDL.Text, IDL.Text], [key, value]));

describe('write-marked heap tracking on the real probe canister', () => {
  it('reports exactly the chunks a full comparison finds, message after message', () => {
    const runtime = bareProbe('instrumented');
    expect(runtime.heapTracking).toBe('instrumented');
    // Large values spread a message's writes over many chunks, through canister code and msg_arg_data_copy.
    const messages: [ExecutionKind, string, Uint8Array][] = [
      ['init', '', probeArg('exact')],
      ['update', 'put', putArg('a', 'x')],
      ['update', 'put', putArg('big', 'y'.repeat(200_000))],
      ['update', 'put', putArg('b', 'z'.repeat(5000))],
    ];
    for (const [kind, method, arg] of messages) {
      const before = heapCopy(runtime);
      const outcome = run(runtime, kind, method, arg);
      expect(outcome.trap).toBeUndefined();
      expect(outcome.heapChunks, `${kind} ${method}`).toEqual(changedChunks(before, heapCopy(runtime)));
      expect(outcome.heapChunks.length).toBeGreaterThan(0);
    }
  });

  it('rolls a trapping update back to exactly the committed heap', () => {
    const runtime = bareProbe('instrumented');
    run(runtime, 'init', '', probeArg());
    run(runtime, 'update', 'put', putArg('kept', 'v'));
    const before = heapCopy(runtime);
    const outcome = run(runtime, 'update', 'putThenTrap', new Uint8Array(IDL.encode([IDL.Text], ['ghost'.repeat(10_000)])));
    expect(outcome.trap).toContain('trapped after writing ghost');
    expect(changedChunks(before, heapCopy(runtime))).toEqual([]);
    // The next message sees only committed state and its changes are found again.
    const next = run(runtime, 'update', 'put', putArg('after', 'w'));
    expect(next.trap).toBeUndefined();
  });

  it('discards what a query wrote', () => {
    const runtime = bareProbe('instrumented');
    run(runtime, 'init', '', probeArg());
    const before = heapCopy(runtime);
    const outcome = run(runtime, 'query', 'queryMutates', new Uint8Array(IDL.encode([], [])), 'discard');
    expect(outcome.trap).toBeUndefined();
    expect(changedChunks(before, heapCopy(runtime))).toEqual([]);
  });

  it('counts what the host writes into the heap for ic0 calls (argument copies, 128-bit results)', () => {
    // msg_arg_data_copy(70000, 0, 5000); canister_cycle_balance128(100000)
    const body = [0x41, ...i32(70_000), 0x41, 0, 0x41, ...i32(5000), 0x10, 0, 0x41, ...i32(100_000), 0x10, 1];
    const wasm = assemble({
      imports: [
        { name: 'msg_arg_data_copy', params: ['i32', 'i32', 'i32'] },
        { name: 'canister_cycle_balance128', params: ['i32'] },
      ],
      memoryPages: 2,
      functions: [{ name: 'canister_update copy', params: [], body }],
    });
    const canister = new Canister(canisterIdFromIndex(4), defaultSettings([]), 10n ** 15n, () => undefined);
    const runtime = canister.instantiate(loadCanisterModule(wasm), { tracking: 'instrumented' });
    const outcome = run(runtime, 'update', 'copy', new Uint8Array(5000).fill(0xab));
    expect(outcome.trap).toBeUndefined();
    expect(outcome.heapChunks).toEqual([17, 18, 24]);
  });

  it('turns a canister write into the write map pages into a trap that leaves them clean', () => {
    // The map starts where the initial memory (2 pages) ends: i32.store (map + 100) 7.
    const mapOffset = 2 * 65536;
    const body = [0x41, ...i32(mapOffset + 100), 0x41, 7, 0x36, 2, ...u32(0)];
    const wasm = assemble({ memoryPages: 2, functions: [{ name: 'canister_update poke', params: [], body }] });
    const canister = new Canister(canisterIdFromIndex(2), defaultSettings([]), 0n, () => undefined);
    const runtime = canister.instantiate(loadCanisterModule(wasm), { tracking: 'instrumented' });
    const outcome = run(runtime, 'update', 'poke', new Uint8Array());
    expect(outcome.trap).toContain('reserved for write tracking');
    expect(runtime.heapChunk(mapOffset / CHUNK).every((byte) => byte === 0)).toBe(true);
  });

  it("falls back to full comparison under 'auto' for a module it cannot mark, and refuses under 'instrumented'", () => {
    const wasm = assemble({ memoryPages: 2, start: true, functions: [{ name: 'canister_update nop', params: [], body: [] }] });
    const canister = new Canister(canisterIdFromIndex(3), defaultSettings([]), 0n, () => undefined);
    expect(canister.instantiate(loadCanisterModule(wasm), { tracking: 'auto' }).heapTracking).toBe('compare');
    expect(() => canister.instantiate(loadCanisterModule(wasm), { tracking: 'instrumented' })).toThrow(/start function/);
  });
});

describe('heap tracking across restarts with persisted state', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'localnet-tracking-'));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  async function reopen(heapTracking: HeapTracking, work: (net: LocalNet) => Promise<void>): Promise<void> {
    const net = await LocalNet.create({ stateDir, clock: 'manual', heapTracking });
    try {
      await work(net);
    } finally {
      await net.stop();
    }
  }
  const only = (net: LocalNet) => [...net.replica.canisters.values()][0]!;

  it('keeps a heap written without a write map on full comparison, and carries the map through compare runs', async () => {
    let id = '';
    await reopen('compare', async (net) => {
      const { id: created, probe } = await installProbe(net, 'legacy');
      id = created.toText();
      await probe.put('k1', 'v1');
    });
    // Its heap may hold canister data where the map would go: it must stay on full comparison.
    await expect(reopen('instrumented', async () => {})).rejects.toThrow(/without a write map/);
    await reopen('auto', async (net) => {
      expect(only(net).runtime!.heapTracking).toBe('compare');
      const probe = net.createActor<ProbeService>(probeIdl, only(net).id);
      expect(await probe.get('k1')).toEqual(['v1']);
      // An upgrade instantiates a fresh heap, which gets the map.
      await net.installCode({ canisterId: only(net).id, wasm: probeWasm(), arg: probeArg('up'), mode: 'upgrade' });
      expect(only(net).runtime!.heapTracking).toBe('instrumented');
      await probe.put('k2', 'v2');
    });
    await reopen('compare', async (net) => {
      expect(only(net).runtime!.heapTracking).toBe('compare');
      expect(only(net).id.toText()).toBe(id);
    });
    await reopen('auto', async (net) => {
      expect(only(net).runtime!.heapTracking).toBe('instrumented');
      const probe = net.createActor<ProbeService>(probeIdl, only(net).id);
      expect(await probe.get('k1')).toEqual(['v1']);
      expect(await probe.get('k2')).toEqual(['v2']);
      expect(await probe.put('k3', 'v3')).toBeGreaterThan(0);
    });
  });
});

