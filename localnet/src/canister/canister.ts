import { Principal } from '@dfinity/principal';
import type { CanisterModule } from '../wasm/canister-module.js';
import type { HeapSetup } from './heap-setup.js';
import type { NativeCanister } from './native-canister.js';
import { CanisterRuntime } from './runtime.js';
import { StableMemory } from './stable-memory.js';

export type CanisterStatus = 'running' | 'stopping' | 'stopped';

/** Settings a controller can change with update_settings; defaults are those of a new mainnet canister. */
export interface CanisterSettings {
  controllers: Principal[];
  computeAllocation: bigint;
  memoryAllocation: bigint;
  freezingThreshold: bigint;
  reservedCyclesLimit: bigint;
  wasmMemoryLimit: bigint;
  wasmMemoryThreshold: bigint;
  logVisibility: 'controllers' | 'public';
}

export function defaultSettings(controllers: Principal[]): CanisterSettings {
  return {
    controllers,
    computeAllocation: 0n,
    memoryAllocation: 0n,
    freezingThreshold: 2_592_000n,
    reservedCyclesLimit: 5_000_000_000_000n,
    wasmMemoryLimit: 3n * 1024n * 1024n * 1024n,
    wasmMemoryThreshold: 0n,
    logVisibility: 'controllers',
  };
}

/** One canister: its settings and cycles, its code (if installed), its heap runtime and its stable memory. */
export class Canister {
  readonly idBytes: Uint8Array;
  status: CanisterStatus = 'running';
  cycles: bigint;
  certifiedData: Uint8Array = new Uint8Array();
  globalTimer = 0n;
  version = 0n;
  stable = new StableMemory();
  runtime: CanisterRuntime | undefined;
  /** Set instead of `runtime` for a canister implemented by the host (see NativeCanister). */
  native: NativeCanister | undefined;
  /** Bytes of the module as submitted to install_code (kept to reinstantiate after a restart). */
  moduleBytes: Uint8Array | undefined;
  /** Call contexts still waiting for responses; a canister stops only when this reaches zero. */
  openCallContexts = 0;
  lastHeartbeatNs = 0n;

  constructor(
    readonly id: Principal,
    public settings: CanisterSettings,
    cycles: bigint,
    private readonly logSink: (canister: Principal, line: string) => void,
  ) {
    this.idBytes = id.toUint8Array();
    this.cycles = cycles;
  }

  get module(): CanisterModule | undefined {
    return this.runtime?.module;
  }

  isController(principal: Uint8Array): boolean {
    return this.settings.controllers.some((controller) => equalBytes(controller.toUint8Array(), principal));
  }

  /** Creates a fresh runtime (empty heap) for a module; the stable memory is left as it is. */
  instantiate(module: CanisterModule, heap: HeapSetup): CanisterRuntime {
    const canister = this;
    return new CanisterRuntime(module, {
      get canisterId() {
        return canister.idBytes;
      },
      get stable() {
        return canister.stable;
      },
      get cycles() {
        return canister.cycles;
      },
      set cycles(value) {
        canister.cycles = value;
      },
      get certifiedData() {
        return canister.certifiedData;
      },
      set certifiedData(value) {
        canister.certifiedData = value;
      },
      get globalTimer() {
        return canister.globalTimer;
      },
      set globalTimer(value) {
        canister.globalTimer = value;
      },
      get version() {
        return canister.version;
      },
      isController: (principal) => canister.isController(principal),
      performanceCounter: () => 0n,
      log: (line) => canister.logSink(canister.id, line),
    }, heap);
  }
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
