import { CanisterTrap } from '../errors.js';
import { createIc0, type SystemApiHost } from '../execution/ic0.js';
import type { Execution, TableCallback } from '../execution/execution.js';
import { TABLE_EXPORT, type CanisterModule } from '../wasm/canister-module.js';
import { HeapTracker } from './heap-tracker.js';
import { chooseHeapCode, type HeapSetup } from './heap-setup.js';
import type { StableMemory } from './stable-memory.js';
import { WriteMap } from './write-map.js';

/** What one run of canister code left behind. */
export interface RunOutcome {
  /** The trap message, if the code trapped; its changes are then already rolled back. */
  trap?: string;
  heapChunks: number[];
  stableChunks: number[];
}

/** What happens to an execution's changes: kept, thrown away, or left pending (see `runExport`). */
export type ChangeMode = 'commit' | 'discard' | 'defer';

/** The scalar canister state a trap must also roll back. */
export interface RollbackScalars {
  cycles: bigint;
  certifiedData: Uint8Array;
  globalTimer: bigint;
}

/**
 * One instantiated canister module with its linear memory. Runs an export or a table callback inside an
 * `Execution`, then either keeps the changes or puts back the committed state of heap and stable memory.
 */
export class CanisterRuntime {
  private current: Execution | undefined;
  private readonly memory: WebAssembly.Memory;
  private readonly table: WebAssembly.Table;
  private readonly exportsByName: Record<string, WebAssembly.ExportValue>;
  private readonly heap: HeapTracker;
  private readonly writes: WriteMap | undefined;
  /** Offset of the write map's pages in this heap, if it has them (persisted so a restart can use them again). */
  readonly writeMapOffset: number | undefined;

  constructor(
    readonly module: CanisterModule,
    private readonly host: SystemApiHost & RollbackScalars,
    setup: HeapSetup,
  ) {
    const ic0 = createIc0(host, {
      memory: () => new Uint8Array(this.memory.buffer),
      wrote: (offset, size) => this.writes?.mark(offset, size),
      execution: () => {
        if (!this.current) throw new CanisterTrap('System API used outside of a message execution');
        return this.current;
      },
    });
    const code = chooseHeapCode(module, setup);
    const instance = new WebAssembly.Instance(code.compiled, { ic0 });
    this.exportsByName = instance.exports;
    this.memory = instance.exports.memory as WebAssembly.Memory;
    this.table = instance.exports[TABLE_EXPORT] as WebAssembly.Table;
    if (code.writeMap) {
      const { offset, reserve } = code.writeMap;
      this.writes = reserve ? WriteMap.reserve(this.memory, offset) : WriteMap.existing(this.memory, offset);
    }
    this.writeMapOffset = code.mapPagesAt;
    this.heap = new HeapTracker(this.memory, this.writes);
  }

  /** Whether changed heap chunks are found from write marks or by comparing the whole heap. */
  get heapTracking(): 'instrumented' | 'compare' {
    return this.heap.mode;
  }

  hasExport(name: string): boolean {
    return this.module.exports.has(name);
  }

  get heapBytes(): number {
    return this.heap.byteLength;
  }

  /**
   * Runs an exported entry point. `discard` undoes everything afterwards (queries); `defer` leaves the heap
   * changes live but uncommitted until `settle` (pre_upgrade, which a failing post_upgrade must undo).
   */
  runExport(name: string, execution: Execution, mode: ChangeMode = 'commit'): RunOutcome {
    const entry = this.exportsByName[name];
    if (typeof entry !== 'function') throw new Error(`canister has no export "${name}"`);
    return this.run(() => (entry as () => void)(), execution, mode);
  }

  /** Commits or undoes heap chunks left uncommitted by a `defer` run. */
  settle(heapChunks: number[], keep: boolean): void {
    if (keep) this.heap.commit(heapChunks);
    else this.heap.rollback(heapChunks);
  }

  /** Runs a function from the canister's table with its environment pointer (reply, reject, cleanup call-backs). */
  runCallback(callback: TableCallback, execution: Execution): RunOutcome {
    const fn = this.table.get(callback.fn) as ((env: number) => void) | null;
    if (!fn) return { trap: `call-back ${callback.fn} is not in the function table`, heapChunks: [], stableChunks: [] };
    return this.run(() => fn(callback.env), execution, 'commit');
  }

  /** Replaces the whole heap with persisted state: `size` bytes, zero except for the given chunks. */
  restoreHeap(size: number, chunks: Map<number, Uint8Array>): void {
    this.heap.restore(size, chunks);
  }

  /** Copies out one committed heap chunk (for persistence). */
  heapChunk(index: number): Uint8Array {
    const start = index * 4096;
    return new Uint8Array(this.memory.buffer, start, 4096).slice();
  }

  private run(body: () => void, execution: Execution, mode: ChangeMode): RunOutcome {
    const stable: StableMemory = this.host.stable;
    const before: RollbackScalars = {
      cycles: this.host.cycles,
      certifiedData: this.host.certifiedData,
      globalTimer: this.host.globalTimer,
    };
    this.current = execution;
    stable.begin();
    let trap: string | undefined;
    try {
      body();
    } catch (error) {
      trap = describeTrap(error);
    } finally {
      this.current = undefined;
    }
    const heapChunks = this.heap.dirtyChunks();
    if (trap === undefined && this.heap.touchesWriteMap(heapChunks)) {
      trap = 'localnet: the canister wrote into the pages reserved for write tracking (its allocator handed them out)';
    }
    if (trap !== undefined || mode === 'discard') {
      this.heap.rollback(heapChunks);
      stable.rollback();
      Object.assign(this.host, before);
      return { trap, heapChunks: [], stableChunks: [] };
    }
    if (mode === 'commit') this.heap.commit(heapChunks);
    return { heapChunks, stableChunks: stable.commit() };
  }
}

function describeTrap(error: unknown): string {
  if (error instanceof CanisterTrap) return error.message;
  if (error instanceof WebAssembly.RuntimeError) return `wasm trap: ${error.message}`;
  if (error instanceof RangeError) return `wasm trap: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
