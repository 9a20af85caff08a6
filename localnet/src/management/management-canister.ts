import { randomBytes } from 'node:crypto';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import type { Canister, CanisterSettings } from '../canister/canister.js';
import { RejectCode } from '../errors.js';
import type { Response } from '../execution/execution.js';
import { InstallError, type InstallMode, type ManagementHandler, type Replica } from '../replica/replica.js';
import { performHttpOutcall } from './http-outcall.js';
import {
  CanisterIdRecord,
  CanisterStatusResult,
  CreateCanisterArgs,
  InstallCodeArgs,
  ProvisionalCreateArgs,
  ProvisionalTopUpArgs,
  UpdateSettingsArgs,
} from './idl.js';

/** Cycles a canister created without an explicit amount starts with (dfx's local default is 100T). */
export const DEFAULT_CANISTER_CYCLES = 100_000_000_000_000n;

type Outcome = { response: Response; cyclesAccepted: bigint };
type Request = Parameters<ManagementHandler>[0];
type SettingsValue = {
  controllers: [] | [Principal[]];
  compute_allocation: [] | [bigint];
  memory_allocation: [] | [bigint];
  freezing_threshold: [] | [bigint];
  reserved_cycles_limit: [] | [bigint];
  log_visibility: [] | [Record<string, unknown>];
  wasm_memory_limit: [] | [bigint];
  wasm_memory_threshold: [] | [bigint];
};

class ManagementReject extends Error {
  constructor(
    readonly code: RejectCode,
    message: string,
  ) {
    super(message);
  }
}

/** The management canister `aaaaa-aa`: canister lifecycle, randomness and HTTPS outcalls. */
export function createManagementCanister(replica: Replica): ManagementHandler {
  const waitingForStop = new Map<Canister, (() => void)[]>();
  replica.onStopped = (canister) => {
    waitingForStop.get(canister)?.forEach((notify) => notify());
    waitingForStop.delete(canister);
  };

  const target = (canisterId: Principal, caller: Uint8Array, requireController = true): Canister => {
    const canister = replica.getCanister(canisterId);
    if (!canister) throw new ManagementReject(RejectCode.DestinationInvalid, `Canister ${canisterId.toText()} not found`);
    if (requireController && !canister.isController(caller)) {
      throw new ManagementReject(
        RejectCode.CanisterError,
        `Only controllers of canister ${canisterId.toText()} can call this method. Sender: ${Principal.fromUint8Array(caller).toText()}`,
      );
    }
    return canister;
  };

  const handlers: Record<string, (request: Request) => Promise<Outcome> | Outcome> = {
    create_canister: ({ arg, caller, cycles }) => {
      const [args] = decode<{ settings: [] | [SettingsValue] }>(CreateCanisterArgs, arg);
      const canister = create(replica, caller, args.settings[0], cycles);
      return { response: reply(CanisterIdRecord, { canister_id: canister.id }), cyclesAccepted: cycles };
    },
    provisional_create_canister_with_cycles: ({ arg, caller }) => {
      const [args] = decode<{ amount: [] | [bigint]; settings: [] | [SettingsValue]; specified_id: [] | [Principal] }>(
        ProvisionalCreateArgs,
        arg,
      );
      const canister = create(replica, caller, args.settings[0], args.amount[0] ?? DEFAULT_CANISTER_CYCLES, args.specified_id[0]);
      return { response: reply(CanisterIdRecord, { canister_id: canister.id }), cyclesAccepted: 0n };
    },
    provisional_top_up_canister: ({ arg, caller }) => {
      const [args] = decode<{ canister_id: Principal; amount: bigint }>(ProvisionalTopUpArgs, arg);
      target(args.canister_id, caller, false).cycles += args.amount;
      return { response: emptyReply(), cyclesAccepted: 0n };
    },
    deposit_cycles: ({ arg, caller, cycles }) => {
      const [args] = decode<{ canister_id: Principal }>(CanisterIdRecord, arg);
      target(args.canister_id, caller, false).cycles += cycles;
      return { response: emptyReply(), cyclesAccepted: cycles };
    },
    install_code: ({ arg, caller }) => {
      const [args] = decode<{ mode: Record<string, unknown>; canister_id: Principal; wasm_module: Uint8Array; arg: Uint8Array }>(
        InstallCodeArgs,
        arg,
      );
      const canister = target(args.canister_id, caller);
      const mode = Object.keys(args.mode)[0] as InstallMode;
      try {
        replica.installCode(canister, mode, Uint8Array.from(args.wasm_module), Uint8Array.from(args.arg), caller);
      } catch (error) {
        if (error instanceof InstallError) throw new ManagementReject(RejectCode.CanisterError, error.message);
        throw error;
      }
      return { response: emptyReply(), cyclesAccepted: 0n };
    },
    uninstall_code: ({ arg, caller }) => {
      const [args] = decode<{ canister_id: Principal }>(CanisterIdRecord, arg);
      replica.uninstallCode(target(args.canister_id, caller));
      return { response: emptyReply(), cyclesAccepted: 0n };
    },
    update_settings: ({ arg, caller }) => {
      const [args] = decode<{ canister_id: Principal; settings: SettingsValue }>(UpdateSettingsArgs, arg);
      const canister = target(args.canister_id, caller);
      replica.updateSettings(canister, toSettings(args.settings));
      return { response: emptyReply(), cyclesAccepted: 0n };
    },
    canister_status: ({ arg, caller }) => {
      const [args] = decode<{ canister_id: Principal }>(CanisterIdRecord, arg);
      return { response: reply(CanisterStatusResult, statusOf(target(args.canister_id, caller))), cyclesAccepted: 0n };
    },
    start_canister: ({ arg, caller }) => {
      const [args] = decode<{ canister_id: Principal }>(CanisterIdRecord, arg);
      const canister = target(args.canister_id, caller);
      canister.status = 'running';
      replica.sink?.saveCanister(canister);
      return { response: emptyReply(), cyclesAccepted: 0n };
    },
    stop_canister: async ({ arg, caller }) => {
      const [args] = decode<{ canister_id: Principal }>(CanisterIdRecord, arg);
      const canister = target(args.canister_id, caller);
      if (canister.status === 'running') canister.status = canister.openCallContexts === 0 ? 'stopped' : 'stopping';
      replica.sink?.saveCanister(canister);
      if (canister.status === 'stopping') {
        await new Promise<void>((resolve) => waitingForStop.set(canister, [...(waitingForStop.get(canister) ?? []), resolve]));
      }
      return { response: emptyReply(), cyclesAccepted: 0n };
    },
    delete_canister: ({ arg, caller }) => {
      const [args] = decode<{ canister_id: Principal }>(CanisterIdRecord, arg);
      const canister = target(args.canister_id, caller);
      if (canister.status !== 'stopped') {
        throw new ManagementReject(RejectCode.CanisterError, `Canister ${args.canister_id.toText()} must be stopped before it is deleted.`);
      }
      replica.deleteCanister(canister);
      return { response: emptyReply(), cyclesAccepted: 0n };
    },
    raw_rand: () => ({ response: reply(IDL.Vec(IDL.Nat8), randomBytes(32)), cyclesAccepted: 0n }),
    http_request: ({ arg, caller, cycles }) => {
      if (!replica.getCanister(caller)) {
        throw new ManagementReject(RejectCode.CanisterReject, 'http_request can only be called by canisters');
      }
      return performHttpOutcall(replica, arg, cycles);
    },
  };

  return async (request) => {
    const handler = handlers[request.method];
    if (!handler) {
      return {
        response: { kind: 'reject', code: RejectCode.DestinationInvalid, message: `Management canister has no method '${request.method}'` },
        cyclesAccepted: 0n,
      };
    }
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof ManagementReject) return { response: { kind: 'reject', code: error.code, message: error.message }, cyclesAccepted: 0n };
      const message = error instanceof Error ? error.message : String(error);
      return { response: { kind: 'reject', code: RejectCode.CanisterError, message }, cyclesAccepted: 0n };
    }
  };
}

function create(replica: Replica, caller: Uint8Array, settings: SettingsValue | undefined, cycles: bigint, specifiedId?: Principal): Canister {
  const controllers = settings?.controllers[0] ?? [Principal.fromUint8Array(caller)];
  const canister = replica.createCanister({ controllers, cycles, specifiedId });
  if (settings) replica.updateSettings(canister, toSettings(settings));
  return canister;
}

function toSettings(value: SettingsValue): Partial<CanisterSettings> {
  const settings: Partial<CanisterSettings> = {};
  if (value.controllers[0]) {
    if (value.controllers[0].length > 10) throw new ManagementReject(RejectCode.CanisterReject, 'at most 10 controllers are allowed');
    settings.controllers = value.controllers[0];
  }
  if (value.compute_allocation[0] !== undefined) settings.computeAllocation = value.compute_allocation[0];
  if (value.memory_allocation[0] !== undefined) settings.memoryAllocation = value.memory_allocation[0];
  if (value.freezing_threshold[0] !== undefined) settings.freezingThreshold = value.freezing_threshold[0];
  if (value.reserved_cycles_limit[0] !== undefined) settings.reservedCyclesLimit = value.reserved_cycles_limit[0];
  if (value.wasm_memory_limit[0] !== undefined) settings.wasmMemoryLimit = value.wasm_memory_limit[0];
  if (value.wasm_memory_threshold[0] !== undefined) settings.wasmMemoryThreshold = value.wasm_memory_threshold[0];
  const visibility = value.log_visibility[0];
  if (visibility) settings.logVisibility = 'public' in visibility ? 'public' : 'controllers';
  return settings;
}

function statusOf(canister: Canister) {
  const heap = BigInt(canister.runtime?.heapBytes ?? 0);
  const stable = canister.stable.sizePages * 65536n;
  const binary = BigInt(canister.moduleBytes?.length ?? 0);
  return {
    status: { [canister.status]: null },
    settings: {
      controllers: canister.settings.controllers,
      compute_allocation: canister.settings.computeAllocation,
      memory_allocation: canister.settings.memoryAllocation,
      freezing_threshold: canister.settings.freezingThreshold,
      reserved_cycles_limit: canister.settings.reservedCyclesLimit,
      log_visibility: { [canister.settings.logVisibility]: null },
      wasm_memory_limit: canister.settings.wasmMemoryLimit,
      wasm_memory_threshold: canister.settings.wasmMemoryThreshold,
    },
    module_hash: canister.module ? [canister.module.hash] : canister.native ? [canister.native.moduleHash] : [],
    memory_size: heap + stable + binary,
    memory_metrics: {
      wasm_memory_size: heap,
      stable_memory_size: stable,
      global_memory_size: 0n,
      wasm_binary_size: binary,
      custom_sections_size: 0n,
      canister_history_size: 0n,
      wasm_chunk_store_size: 0n,
      snapshots_size: 0n,
    },
    cycles: canister.cycles,
    reserved_cycles: 0n,
    idle_cycles_burned_per_day: 0n,
    query_stats: {
      num_calls_total: 0n,
      num_instructions_total: 0n,
      request_payload_bytes_total: 0n,
      response_payload_bytes_total: 0n,
    },
  };
}

function decode<T>(type: IDL.Type, arg: Uint8Array): [T] {
  try {
    return IDL.decode([type], arg) as unknown as [T];
  } catch (error) {
    throw new ManagementReject(RejectCode.CanisterReject, `Invalid argument: ${(error as Error).message}`);
  }
}

function reply(type: IDL.Type, value: unknown): Response {
  return { kind: 'reply', data: new Uint8Array(IDL.encode([type], [value])) };
}

function emptyReply(): Response {
  return { kind: 'reply', data: new Uint8Array(IDL.encode([], [])) };
}
