import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDL } from '@dfinity/candid';
import type { Identity } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { restoreAssetCanisters } from '../assets/install.js';
import { parseHeapTracking, type HeapTracking } from '../canister/heap-setup.js';
import { CallRejectedError } from '../errors.js';
import type { Response } from '../execution/execution.js';
import { createManagementCanister } from '../management/management-canister.js';
import { CanisterStatusResult, CanisterIdRecord, InstallCodeArgs, ProvisionalCreateArgs } from '../management/idl.js';
import { StateStore } from '../persistence/state-store.js';
import { ManualClock, RealClock, type Clock } from '../replica/clock.js';
import { MANAGEMENT_CANISTER_ID, Replica } from '../replica/replica.js';
import { createActor } from './actor.js';

export interface LocalNetOptions {
  /** Folder for durable state; without it the replica lives in memory only. */
  stateDir?: string;
  /** Wipe `stateDir` first. */
  clean?: boolean;
  /** 'real' follows the wall clock and runs timers by itself; 'manual' moves only with `advanceTime`. */
  clock?: 'real' | 'manual';
  /** Start of manual time, ns since the epoch (default: now). */
  startTimeNs?: bigint;
  /** fsync every durable record (survives a machine crash, not only a process kill). */
  fsync?: boolean;
  /** Receives canister debug output. */
  onLog?: (canisterId: Principal, line: string) => void;
  /**
   * How changed heap chunks are found after each execution: write marks compiled into the canister code or a
   * comparison of the whole heap. Default: the LOCALNET_HEAP_TRACKING environment variable, else 'auto'.
   */
  heapTracking?: HeapTracking;
}

export interface CallOptions {
  /** Caller principal; defaults to the identity's, or to the local controller identity. */
  sender?: Principal;
  identity?: Identity;
}

/** How often the real-time driver looks for due timers and heartbeats. */
const REAL_TIME_TICK_MS = 50;

/**
 * The in-process API of the local replica, for tests, benchmarks and the HTTP server: create and install
 * canisters, call them as any principal, and control time.
 */
export class LocalNet {
  private driver: NodeJS.Timeout | undefined;

  private constructor(
    readonly replica: Replica,
    private readonly clock: Clock,
    private readonly store: StateStore | undefined,
    /** The identity that controls canisters this API creates unless told otherwise (like dfx's default identity). */
    readonly controller: Ed25519KeyIdentity,
    /** The durable state folder, if any; host-implemented canisters keep their own state under it. */
    readonly stateDir: string | undefined,
  ) {}

  /** Starts a replica, restoring its state from `stateDir` when there is one. */
  static async create(options: LocalNetOptions = {}): Promise<LocalNet> {
    const clock =
      options.clock === 'manual' ? new ManualClock(options.startTimeNs ?? BigInt(Date.now()) * 1_000_000n) : new RealClock();
    const replica = new Replica(clock);
    replica.heapTracking = options.heapTracking ?? parseHeapTracking(process.env.LOCALNET_HEAP_TRACKING);
    if (options.onLog) replica.onLog = options.onLog;
    replica.management = createManagementCanister(replica);
    let store: StateStore | undefined;
    if (options.stateDir) {
      if (options.clean) rmSync(options.stateDir, { recursive: true, force: true });
      mkdirSync(options.stateDir, { recursive: true });
      store = new StateStore(options.stateDir, { fsync: options.fsync });
      store.restoreInto(replica);
      replica.sink = store;
    }
    const net = new LocalNet(replica, clock, store, loadControllerIdentity(options.stateDir), options.stateDir);
    restoreAssetCanisters(net);
    if (options.clock !== 'manual') net.startRealTimeDriver();
    await replica.runDueTasks();
    return net;
  }

  /** Creates a canister through the management canister; the caller becomes its controller. */
  async createCanister(options: { controllers?: Principal[]; cycles?: bigint; specifiedId?: Principal } & CallOptions = {}): Promise<Principal> {
    const sender = this.senderOf(options);
    const arg = IDL.encode([ProvisionalCreateArgs], [
      {
        amount: options.cycles === undefined ? [] : [options.cycles],
        settings: options.controllers ? [{ ...emptySettings(), controllers: [options.controllers] }] : [],
        specified_id: options.specifiedId ? [options.specifiedId] : [],
        sender_canister_version: [],
      },
    ]);
    const reply = await this.updateCall(MANAGEMENT_CANISTER_ID, 'provisional_create_canister_with_cycles', new Uint8Array(arg), { sender });
    const [record] = IDL.decode([CanisterIdRecord], reply) as unknown as [{ canister_id: Principal }];
    return record.canister_id;
  }

  /** install_code through the management canister (install, reinstall or upgrade). */
  async installCode(options: {
    canisterId: Principal;
    wasm: Uint8Array;
    arg?: Uint8Array;
    mode?: 'install' | 'reinstall' | 'upgrade';
  } & CallOptions): Promise<void> {
    const mode = options.mode ?? 'install';
    const arg = IDL.encode([InstallCodeArgs], [
      {
        mode: mode === 'upgrade' ? { upgrade: [] } : { [mode]: null },
        canister_id: options.canisterId,
        wasm_module: options.wasm,
        arg: options.arg ?? new Uint8Array(IDL.encode([], [])),
        sender_canister_version: [],
      },
    ]);
    await this.updateCall(MANAGEMENT_CANISTER_ID, 'install_code', new Uint8Array(arg), options);
  }

  /** canister_status as the management canister answers it, decoded. */
  async canisterStatus(canisterId: Principal, options: CallOptions = {}) {
    const reply = await this.updateCall(MANAGEMENT_CANISTER_ID, 'canister_status', new Uint8Array(IDL.encode([CanisterIdRecord], [{ canister_id: canisterId }])), options);
    return (IDL.decode([CanisterStatusResult], reply) as unknown as [CanisterStatusRecord])[0];
  }

  /** An update call from a user; resolves with the reply bytes or throws `CallRejectedError`. */
  async updateCall(canisterId: Principal, method: string, arg: Uint8Array, options: CallOptions = {}): Promise<Uint8Array> {
    return unwrap(await this.replica.submitUpdate(canisterId, method, arg, this.senderOf(options)));
  }

  /** A query call; its state changes are discarded. */
  async queryCall(canisterId: Principal, method: string, arg: Uint8Array, options: CallOptions = {}): Promise<Uint8Array> {
    return unwrap(this.replica.query(canisterId, method, arg, this.senderOf(options)));
  }

  /** A typed actor calling as `identity` (or `sender`), e.g. `net.createActor<_SERVICE>(idlFactory, id, { identity })`. */
  createActor<T>(idlFactory: IDL.InterfaceFactory, canisterId: Principal, options: CallOptions = {}): T {
    return createActor<T>(idlFactory, canisterId, {
      update: (id, method, arg) => this.updateCall(id, method, arg, options),
      query: (id, method, arg) => this.queryCall(id, method, arg, options),
    });
  }

  /** Current replica time in nanoseconds. */
  now(): bigint {
    return this.clock.nowNs();
  }

  /** Moves manual time forward and runs every timer and heartbeat that became due, to completion. */
  async advanceTime(ms: number): Promise<void> {
    this.manualClock().advance(ms);
    await this.tick();
  }

  /** Sets manual time (never backwards) and runs what became due. */
  async setTime(ns: bigint): Promise<void> {
    this.manualClock().set(ns);
    await this.tick();
  }

  /** Runs due timers, heartbeats and all queued messages until the replica is idle. */
  async tick(): Promise<void> {
    // Timers can arm timers for "now" (a zero-second setTimer), so repeat until nothing more is due.
    for (let round = 0; round < 10; round++) {
      await this.replica.runDueTasks();
      const next = this.replica.nextTimerNs();
      if (next === undefined || next > this.clock.nowNs()) return;
    }
  }

  async stop(): Promise<void> {
    if (this.driver) clearInterval(this.driver);
    await this.replica.idle();
    this.store?.close();
  }

  private startRealTimeDriver(): void {
    this.driver = setInterval(() => void this.replica.runDueTasks(), REAL_TIME_TICK_MS);
    this.driver.unref();
  }

  private manualClock(): ManualClock {
    if (!(this.clock instanceof ManualClock)) throw new Error("time can only be controlled with { clock: 'manual' }");
    return this.clock;
  }

  private senderOf(options: CallOptions): Principal {
    return options.sender ?? options.identity?.getPrincipal() ?? this.controller.getPrincipal();
  }
}

export type CanisterStatusRecord = {
  status: { running: null } | { stopping: null } | { stopped: null };
  settings: { controllers: Principal[] } & Record<string, unknown>;
  module_hash: [] | [Uint8Array];
  memory_size: bigint;
  cycles: bigint;
} & Record<string, unknown>;

function unwrap(response: Response): Uint8Array {
  if (response.kind === 'reply') return response.data;
  const [, errorCode] = /^(IC\d{4}): /.exec(response.message) ?? [];
  throw new CallRejectedError(response.code, response.message, errorCode);
}

function emptySettings() {
  return {
    controllers: [],
    compute_allocation: [],
    memory_allocation: [],
    freezing_threshold: [],
    reserved_cycles_limit: [],
    log_visibility: [],
    wasm_memory_limit: [],
    wasm_memory_threshold: [],
  };
}

/** The controller key is kept with the state, so a restarted replica is still managed by the same principal. */
function loadControllerIdentity(stateDir: string | undefined): Ed25519KeyIdentity {
  if (!stateDir) return Ed25519KeyIdentity.generate();
  const file = join(stateDir, 'controller-identity.json');
  if (existsSync(file)) return Ed25519KeyIdentity.fromJSON(readFileSync(file, 'utf8'));
  const identity = Ed25519KeyIdentity.generate();
  writeFileSync(file, JSON.stringify(identity.toJSON()), { mode: 0o600 });
  return identity;
}
