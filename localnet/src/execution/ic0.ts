import { concatBytes } from '../bytes.js';
import { CanisterTrap, RejectCode } from '../errors.js';
import { fromHighLow, minBigInt, writeU128 } from '../cycles.js';
import type { StableMemory } from '../canister/stable-memory.js';
import type { Execution } from './execution.js';

/** What the System API needs from the canister it runs in (read and written live, never copied). */
export interface SystemApiHost {
  readonly canisterId: Uint8Array;
  readonly stable: StableMemory;
  cycles: bigint;
  certifiedData: Uint8Array;
  globalTimer: bigint;
  readonly version: bigint;
  isController(principal: Uint8Array): boolean;
  performanceCounter(type: number): bigint;
  log(line: string): void;
}

/** Mainnet cost of an inter-canister call on a 13-node subnet, used by `cost_call`. */
const CALL_BASE_FEE = 260_000n;
const CALL_FEE_PER_BYTE = 1_000n;
const MAX_CERTIFIED_DATA_BYTES = 32;

function trap(message: string): never {
  throw new CanisterTrap(message);
}

/** The running canister as the System API sees it; `wrote` tells heap tracking about the host's own writes. */
export interface LiveCanister {
  memory(): Uint8Array;
  wrote(offset: number, size: number): void;
  execution(): Execution;
}

/** Builds the `ic0` import object: the System API of the IC interface specification, for one canister. */
export function createIc0(host: SystemApiHost, live: LiveCanister): Record<string, (...args: never[]) => unknown> {
  const bytes = (offset: number, size: number): Uint8Array => {
    const memory = live.memory();
    if (offset < 0 || size < 0 || offset + size > memory.length) trap(`memory access out of bounds: ${offset}+${size}`);
    return memory.subarray(offset, offset + size);
  };
  const copyOut = (source: Uint8Array, dst: number, offset: number, size: number, what: string): void => {
    if (offset + size > source.length) trap(`${what}: offset ${offset} + size ${size} exceeds ${source.length}`);
    bytes(dst, size).set(source.subarray(offset, offset + size));
    live.wrote(dst, size);
  };
  const u128Out = (dst: number, value: bigint): void => {
    writeU128(live.memory(), dst, value);
    live.wrote(dst, 16);
  };
  const text = (offset: number, size: number): string => new TextDecoder().decode(bytes(offset, size));
  const exec = (): Execution => live.execution();
  const allowed = (name: string, condition: boolean): void => {
    if (!condition) trap(`${name} cannot be executed in ${exec().kind}`);
  };

  const arg = (name: string): Uint8Array => {
    const execution = exec();
    allowed(name, execution.kind !== 'reject_callback' && execution.options.arg !== undefined);
    return execution.options.arg as Uint8Array;
  };
  const caller = (name: string): Uint8Array => {
    const value = exec().options.caller ?? exec().options.callContext?.caller;
    allowed(name, value !== undefined);
    return value as Uint8Array;
  };
  const replyableContext = (name: string) => {
    const context = exec().options.callContext;
    allowed(name, context !== undefined && exec().kind !== 'cleanup' && exec().kind !== 'inspect_message');
    if (context!.replied) trap(`${name}: the call has already been replied to or rejected`);
    return context!;
  };
  const pendingCall = (name: string) => {
    const call = exec().pendingCall;
    if (!call) trap(`${name} called without a preceding call_new`);
    return call;
  };

  return {
    msg_arg_data_size: () => arg('msg_arg_data_size').length,
    msg_arg_data_copy: (dst: number, offset: number, size: number) =>
      copyOut(arg('msg_arg_data_copy'), dst, offset, size, 'msg_arg_data_copy'),
    msg_caller_size: () => caller('msg_caller_size').length,
    msg_caller_copy: (dst: number, offset: number, size: number) =>
      copyOut(caller('msg_caller_copy'), dst, offset, size, 'msg_caller_copy'),
    msg_reject_code: () => {
      const execution = exec();
      allowed('msg_reject_code', execution.kind === 'reply_callback' || execution.kind === 'reject_callback');
      return execution.options.rejectCode ?? 0;
    },
    msg_reject_msg_size: () => {
      allowed('msg_reject_msg_size', exec().kind === 'reject_callback');
      return new TextEncoder().encode(exec().options.rejectMessage ?? '').length;
    },
    msg_reject_msg_copy: (dst: number, offset: number, size: number) => {
      allowed('msg_reject_msg_copy', exec().kind === 'reject_callback');
      copyOut(new TextEncoder().encode(exec().options.rejectMessage ?? ''), dst, offset, size, 'msg_reject_msg_copy');
    },
    msg_method_name_size: () => new TextEncoder().encode(methodName(exec(), 'msg_method_name_size')).length,
    msg_method_name_copy: (dst: number, offset: number, size: number) =>
      copyOut(
        new TextEncoder().encode(methodName(exec(), 'msg_method_name_copy')),
        dst,
        offset,
        size,
        'msg_method_name_copy',
      ),
    accept_message: () => {
      const execution = exec();
      allowed('accept_message', execution.kind === 'inspect_message');
      if (execution.messageAccepted) trap('accept_message called twice');
      execution.messageAccepted = true;
    },
    msg_reply_data_append: (src: number, size: number) => {
      replyableContext('msg_reply_data_append');
      exec().replyParts.push(Uint8Array.from(bytes(src, size)));
    },
    msg_reply: () => {
      const context = replyableContext('msg_reply');
      const execution = exec();
      execution.response = { kind: 'reply', data: concatBytes(execution.replyParts) };
      context.replied = true;
    },
    msg_reject: (src: number, size: number) => {
      const context = replyableContext('msg_reject');
      exec().response = { kind: 'reject', code: RejectCode.CanisterReject, message: text(src, size) };
      context.replied = true;
    },
    msg_cycles_available128: (dst: number) => {
      u128Out(dst, exec().options.callContext?.cyclesAvailable ?? 0n);
    },
    msg_cycles_refunded128: (dst: number) => {
      allowed('msg_cycles_refunded128', exec().kind === 'reply_callback' || exec().kind === 'reject_callback');
      u128Out(dst, exec().options.cyclesRefunded ?? 0n);
    },
    msg_cycles_accept128: (maxHigh: bigint, maxLow: bigint, dst: number) => {
      const context = exec().options.callContext;
      const requested = fromHighLow(maxHigh, maxLow);
      const accepted = context && !context.replied ? minBigInt(requested, context.cyclesAvailable) : 0n;
      if (context) context.cyclesAvailable -= accepted;
      host.cycles += accepted;
      exec().cyclesAccepted += accepted;
      u128Out(dst, accepted);
    },
    cycles_burn128: (high: bigint, low: bigint, dst: number) => {
      const burned = minBigInt(fromHighLow(high, low), host.cycles);
      host.cycles -= burned;
      u128Out(dst, burned);
    },
    canister_self_size: () => host.canisterId.length,
    canister_self_copy: (dst: number, offset: number, size: number) =>
      copyOut(host.canisterId, dst, offset, size, 'canister_self_copy'),
    canister_cycle_balance128: (dst: number) => u128Out(dst, host.cycles),
    canister_liquid_cycle_balance128: (dst: number) => u128Out(dst, host.cycles),
    canister_version: () => host.version,
    call_new: (
      calleeSrc: number,
      calleeSize: number,
      nameSrc: number,
      nameSize: number,
      replyFn: number,
      replyEnv: number,
      rejectFn: number,
      rejectEnv: number,
    ) => {
      const execution = exec();
      allowed('call_new', execution.mayCall);
      execution.pendingCall = {
        callee: Uint8Array.from(bytes(calleeSrc, calleeSize)),
        method: text(nameSrc, nameSize),
        argParts: [],
        cycles: 0n,
        reply: { fn: replyFn, env: replyEnv },
        reject: { fn: rejectFn, env: rejectEnv },
      };
    },
    call_on_cleanup: (fn: number, env: number) => {
      const call = pendingCall('call_on_cleanup');
      if (call.cleanup) trap('call_on_cleanup called twice for one call');
      call.cleanup = { fn, env };
    },
    call_data_append: (src: number, size: number) => {
      pendingCall('call_data_append').argParts.push(Uint8Array.from(bytes(src, size)));
    },
    call_cycles_add128: (high: bigint, low: bigint) => {
      const amount = fromHighLow(high, low);
      if (amount > host.cycles) trap(`call_cycles_add128: insufficient cycles balance (${host.cycles} < ${amount})`);
      host.cycles -= amount;
      pendingCall('call_cycles_add128').cycles += amount;
    },
    call_with_best_effort_response: (timeoutSeconds: number) => {
      pendingCall('call_with_best_effort_response').timeoutSeconds = timeoutSeconds;
    },
    call_perform: () => {
      const execution = exec();
      const call = pendingCall('call_perform');
      execution.pendingCall = undefined;
      execution.performedCalls.push(call);
      return 0;
    },
    cost_call: (methodNameSize: bigint, payloadSize: bigint, dst: number) =>
      u128Out(dst, CALL_BASE_FEE + CALL_FEE_PER_BYTE * (methodNameSize + payloadSize)),
    stable64_size: () => host.stable.sizePages,
    stable64_grow: (pages: bigint) => host.stable.grow(pages),
    stable64_write: (offset: bigint, src: bigint, size: bigint) =>
      guardStable(() => host.stable.write(offset, bytes(Number(src), Number(size)))),
    stable64_read: (dst: bigint, offset: bigint, size: bigint) =>
      guardStable(() => {
        host.stable.read(offset, bytes(Number(dst), Number(size)));
        live.wrote(Number(dst), Number(size));
      }),
    certified_data_set: (src: number, size: number) => {
      const execution = exec();
      allowed('certified_data_set', !execution.isQuery && execution.kind !== 'inspect_message');
      if (size > MAX_CERTIFIED_DATA_BYTES) trap(`certified_data_set: ${size} bytes exceeds 32`);
      host.certifiedData = Uint8Array.from(bytes(src, size));
    },
    data_certificate_present: () => (exec().options.dataCertificate ? 1 : 0),
    data_certificate_size: () => certificate(exec()).length,
    data_certificate_copy: (dst: number, offset: number, size: number) =>
      copyOut(certificate(exec()), dst, offset, size, 'data_certificate_copy'),
    time: () => exec().time,
    global_timer_set: (timestamp: bigint) => {
      const execution = exec();
      allowed('global_timer_set', !execution.isQuery && execution.kind !== 'inspect_message');
      const previous = host.globalTimer;
      host.globalTimer = BigInt.asUintN(64, timestamp);
      return previous;
    },
    performance_counter: (type: number) => host.performanceCounter(type),
    is_controller: (src: number, size: number) => (host.isController(bytes(src, size)) ? 1 : 0),
    in_replicated_execution: () => (exec().isReplicated ? 1 : 0),
    debug_print: (src: number, size: number) => host.log(text(src, size)),
    trap: (src: number, size: number) => trap(text(src, size)),
  };
}

function methodName(execution: Execution, api: string): string {
  const name = execution.options.methodName ?? execution.options.callContext?.methodName;
  if (name === undefined) trap(`${api} cannot be executed in ${execution.kind}`);
  return name;
}

function certificate(execution: Execution): Uint8Array {
  const value = execution.options.dataCertificate;
  if (!value) trap('data certificate is only available in non-replicated query calls');
  return value;
}

function guardStable(action: () => void): void {
  try {
    action();
  } catch (error) {
    if (error instanceof RangeError) trap(`stable memory: ${error.message}`);
    throw error;
  }
}
