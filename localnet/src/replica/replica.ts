import { Principal } from '@dfinity/principal';
import { Canister, defaultSettings, type CanisterSettings } from '../canister/canister.js';
import type { HeapTracking } from '../canister/heap-setup.js';
import type { RunOutcome } from '../canister/runtime.js';
import { StableMemory } from '../canister/stable-memory.js';
import type { NativeCanister } from '../canister/native-canister.js';
import { RejectCode } from '../errors.js';
import { Execution, type ExecutionKind, type OutgoingCall, type Response } from '../execution/execution.js';
import { concatBytes } from '../bytes.js';
import { loadCanisterModule } from '../wasm/canister-module.js';
import type { CallContext, CallOrigin, Message } from './call-context.js';
import type { Clock } from './clock.js';
import { canisterIdFromIndex } from './canister-ids.js';

export const MANAGEMENT_CANISTER_ID = Principal.managementCanister();
const MANAGEMENT_BYTES = MANAGEMENT_CANISTER_ID.toUint8Array();
/** How often heartbeats run, like a subnet round. */
const HEARTBEAT_INTERVAL_NS = 1_000_000_000n;
/** Bound a burst of queued messages so HTTP requests and timers still get a turn. */
const MESSAGES_PER_TURN = 200;

/** Handles a call addressed to `aaaaa-aa`; returns the management canister's answer. */
export type ManagementHandler = (request: {
  method: string;
  arg: Uint8Array;
  caller: Uint8Array;
  cycles: bigint;
}) => Promise<{ response: Response; cyclesAccepted: bigint }>;

/** Durable storage hooks; the replica calls them before it acknowledges anything. */
export interface StateSink {
  commit(canister: Canister, heapChunks: number[], stableChunks: number[]): void;
  saveCanister(canister: Canister): void;
  deleteCanister(canister: Canister): void;
  saveReplica(meta: { nextCanisterIndex: number }): void;
}

export type InstallMode = 'install' | 'reinstall' | 'upgrade';

/**
 * The execution core of the local replica: canisters, their message queue, call contexts, inter-canister
 * calls with call-backs, timers and heartbeats. One message executes at a time, so each canister runs its
 * messages one at a time and every execution is atomic.
 */
export class Replica {
  readonly canisters = new Map<string, Canister>();
  private readonly queue: Message[] = [];
  private pumping = false;
  private idleWaiters: (() => void)[] = [];
  private pendingAsync = 0;
  nextCanisterIndex = 1024;
  management: ManagementHandler = async () => ({
    response: { kind: 'reject', code: RejectCode.DestinationInvalid, message: 'management canister unavailable' },
    cyclesAccepted: 0n,
  });
  sink: StateSink | undefined;
  /** Supplies the certificate of a canister's certified data to non-replicated queries (set by the HTTP layer). */
  dataCertificate: ((canister: Canister) => Uint8Array | undefined) | undefined;
  /** How new runtimes find changed heap chunks (see HeapTracking). */
  heapTracking: HeapTracking = 'auto';
  /** Receives canister debug output (ic0.debug_print) and trap messages of timers and heartbeats. */
  onLog: (canister: Principal, line: string) => void = () => {};

  constructor(readonly clock: Clock) {}

  // ---------------------------------------------------------------- canisters

  createCanister(options: { controllers: Principal[]; cycles: bigint; specifiedId?: Principal }): Canister {
    const id = options.specifiedId ?? this.allocateId();
    if (this.canisters.has(id.toText())) throw new Error(`canister ${id.toText()} already exists`);
    const canister = new Canister(id, defaultSettings(options.controllers), options.cycles, (c, line) =>
      this.onLog(c, line),
    );
    this.canisters.set(id.toText(), canister);
    this.sink?.saveCanister(canister);
    return canister;
  }

  getCanister(id: Principal | Uint8Array): Canister | undefined {
    const principal = id instanceof Uint8Array ? Principal.fromUint8Array(id) : id;
    return this.canisters.get(principal.toText());
  }

  updateSettings(canister: Canister, settings: Partial<CanisterSettings>): void {
    canister.settings = { ...canister.settings, ...settings };
    canister.version += 1n;
    this.sink?.saveCanister(canister);
  }

  deleteCanister(canister: Canister): void {
    this.canisters.delete(canister.id.toText());
    this.sink?.deleteCanister(canister);
  }

  /**
   * install_code: install and reinstall run canister_init on a fresh heap (reinstall wipes stable memory);
   * upgrade runs canister_pre_upgrade on the old code, keeps stable memory and runs canister_post_upgrade.
   * All or nothing: a trap anywhere leaves the canister as it was and throws InstallError.
   */
  installCode(canister: Canister, mode: InstallMode, wasm: Uint8Array, arg: Uint8Array, caller: Uint8Array): void {
    const module = loadCanisterModule(wasm);
    if (mode === 'install' && canister.runtime) {
      throw new InstallError('canister already has a module installed: use reinstall or upgrade');
    }
    if (mode === 'upgrade' && !canister.runtime) throw new InstallError('cannot upgrade an empty canister');
    const saved = {
      runtime: canister.runtime,
      stable: canister.stable.clone(),
      moduleBytes: canister.moduleBytes,
      certifiedData: canister.certifiedData,
      globalTimer: canister.globalTimer,
      cycles: canister.cycles,
    };
    // pre_upgrade's heap changes stay uncommitted until the new code is in, so a failure can undo them too.
    let preUpgradeHeap: number[] = [];
    const restore = (message: string): never => {
      saved.runtime?.settle(preUpgradeHeap, false);
      Object.assign(canister, saved);
      throw new InstallError(message);
    };
    const now = this.clock.nowNs();
    if (mode === 'upgrade' && saved.runtime?.hasExport('canister_pre_upgrade')) {
      const outcome = saved.runtime.runExport('canister_pre_upgrade', new Execution('pre_upgrade', now, { caller }), 'defer');
      if (outcome.trap !== undefined) restore(`pre_upgrade trapped: ${outcome.trap}`);
      preUpgradeHeap = outcome.heapChunks;
    }
    if (mode !== 'upgrade') canister.stable = new StableMemory();
    canister.certifiedData = mode === 'upgrade' ? canister.certifiedData : new Uint8Array();
    canister.globalTimer = 0n;
    const runtime = canister.instantiate(module, { tracking: this.heapTracking });
    canister.runtime = runtime;
    const entry = mode === 'upgrade' ? 'canister_post_upgrade' : 'canister_init';
    if (runtime.hasExport(entry)) {
      const kind: ExecutionKind = mode === 'upgrade' ? 'post_upgrade' : 'init';
      const outcome = runtime.runExport(entry, new Execution(kind, now, { arg, caller }));
      if (outcome.trap !== undefined) restore(`${entry} trapped: ${outcome.trap}`);
    }
    saved.runtime?.settle(preUpgradeHeap, true);
    canister.moduleBytes = wasm;
    canister.version += 1n;
    this.sink?.saveCanister(canister);
    this.schedule();
  }

  uninstallCode(canister: Canister): void {
    canister.runtime = undefined;
    canister.moduleBytes = undefined;
    canister.stable.clear();
    canister.certifiedData = new Uint8Array();
    canister.globalTimer = 0n;
    canister.version += 1n;
    this.sink?.saveCanister(canister);
  }

  // ---------------------------------------------------------------- ingress

  /** Submits an update call from a user; resolves with the reply or the reject, like an ingress message. */
  submitUpdate(target: Principal, method: string, arg: Uint8Array, sender: Principal): Promise<Response> {
    const inspected = this.inspectMessage(target, method, arg, sender);
    if (inspected) return Promise.resolve(inspected);
    return this.enqueueIngress(target, method, arg, sender);
  }

  /** Queues an ingress message that already passed `inspectMessage` (the HTTP layer inspects before accepting). */
  enqueueIngress(target: Principal, method: string, arg: Uint8Array, sender: Principal): Promise<Response> {
    return new Promise((resolve) => {
      this.enqueue({
        kind: 'request',
        target: target.toUint8Array(),
        method,
        arg,
        caller: sender.toUint8Array(),
        cycles: 0n,
        origin: { kind: 'ingress', deliver: resolve },
      });
    });
  }

  /** Runs a query at once against the committed state and discards whatever it changed. */
  query(target: Principal, method: string, arg: Uint8Array, sender: Principal): Response {
    const canister = this.getCanister(target);
    if (!canister) return reject(RejectCode.DestinationInvalid, `Canister ${target.toText()} not found`, 'IC0301');
    if (canister.status !== 'running') {
      return reject(RejectCode.CanisterError, `Canister ${target.toText()} is ${canister.status}`, 'IC0508');
    }
    if (canister.native) {
      if (!canister.native.isQuery(method)) {
        return reject(RejectCode.DestinationInvalid, `Canister ${target.toText()} has no query method '${method}'`, 'IC0536');
      }
      return canister.native.query(method, arg, sender);
    }
    const runtime = canister.runtime;
    if (!runtime) return reject(RejectCode.CanisterError, `Canister ${target.toText()} has no module installed`, 'IC0537');
    const exportName = ['canister_query ', 'canister_composite_query ']
      .map((prefix) => prefix + method)
      .find((name) => runtime.hasExport(name));
    if (!exportName) {
      return reject(RejectCode.DestinationInvalid, `Canister ${target.toText()} has no query method '${method}'`, 'IC0536');
    }
    const context = newContext(canister, { kind: 'system' }, sender.toUint8Array(), method, 0n);
    const execution = new Execution('query', this.clock.nowNs(), {
      arg,
      callContext: context,
      dataCertificate: this.dataCertificate?.(canister),
    });
    const outcome = runtime.runExport(exportName, execution, 'discard');
    if (outcome.trap !== undefined) return trapReject(canister, outcome.trap);
    return execution.response ?? reject(RejectCode.CanisterError, `Canister ${target.toText()} did not reply to the call`, 'IC0506');
  }

  /** Resolves when no message is queued and no management operation is in flight. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Queues the canisters' due timers and heartbeats, then runs everything to completion. */
  async runDueTasks(): Promise<void> {
    this.queueDueSystemTasks();
    this.schedule();
    await this.idle();
  }

  /** The earliest armed global timer, for a real-time driver to sleep until. */
  nextTimerNs(): bigint | undefined {
    let earliest: bigint | undefined;
    for (const canister of this.canisters.values()) {
      if (canister.globalTimer !== 0n && (earliest === undefined || canister.globalTimer < earliest)) {
        earliest = canister.globalTimer;
      }
    }
    return earliest;
  }

  /** Counts an asynchronous operation (an HTTPS outcall) so that `idle()` waits for it. */
  trackAsync<T>(work: Promise<T>): Promise<T> {
    this.pendingAsync += 1;
    return work.finally(() => {
      this.pendingAsync -= 1;
      this.schedule();
    });
  }

  // ---------------------------------------------------------------- scheduling

  private enqueue(message: Message): void {
    this.queue.push(message);
    this.schedule();
  }

  private schedule(): void {
    if (this.pumping) return;
    this.pumping = true;
    setImmediate(() => this.pump());
  }

  private pump(): void {
    try {
      for (let handled = 0; handled < MESSAGES_PER_TURN; handled++) {
        const message = this.queue.shift();
        if (!message) break;
        this.handle(message);
      }
    } finally {
      this.pumping = false;
    }
    if (this.queue.length > 0) this.schedule();
    else if (this.isIdle()) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.pendingAsync === 0 && !this.pumping;
  }

  private queueDueSystemTasks(): void {
    const now = this.clock.nowNs();
    for (const canister of this.canisters.values()) {
      if (!canister.runtime || canister.status !== 'running') continue;
      if (canister.globalTimer !== 0n && canister.globalTimer <= now && canister.runtime.hasExport('canister_global_timer')) {
        this.queue.push({ kind: 'system_task', canister, task: 'global_timer' });
      }
      if (
        canister.runtime.hasExport('canister_heartbeat') &&
        now - canister.lastHeartbeatNs >= HEARTBEAT_INTERVAL_NS
      ) {
        canister.lastHeartbeatNs = now;
        this.queue.push({ kind: 'system_task', canister, task: 'heartbeat' });
      }
    }
  }

  private handle(message: Message): void {
    if (message.kind === 'request') this.handleRequest(message);
    else if (message.kind === 'response') this.handleResponse(message);
    else this.handleSystemTask(message.canister, message.task);
  }

  // ---------------------------------------------------------------- requests

  private handleRequest(request: Extract<Message, { kind: 'request' }>): void {
    if (equal(request.target, MANAGEMENT_BYTES)) {
      this.handleManagementRequest(request);
      return;
    }
    const target = Principal.fromUint8Array(request.target).toText();
    const canister = this.canisters.get(target);
    const refuse = (code: RejectCode, message: string, errorCode: string) =>
      this.respond(request.origin, reject(code, message, errorCode), request.cycles);
    if (!canister) return refuse(RejectCode.DestinationInvalid, `Canister ${target} not found`, 'IC0301');
    if (canister.native) return this.handleNativeRequest(canister, canister.native, request);
    const runtime = canister.runtime;
    if (!runtime) return refuse(RejectCode.CanisterError, `Canister ${target} has no module installed`, 'IC0537');
    if (canister.status !== 'running') return refuse(RejectCode.CanisterError, `Canister ${target} is ${canister.status}`, 'IC0508');
    const update = runtime.hasExport(`canister_update ${request.method}`);
    const queryExport = `canister_query ${request.method}`;
    const fromCanister = request.origin.kind === 'canister';
    if (!update && !(fromCanister && runtime.hasExport(queryExport))) {
      return refuse(RejectCode.DestinationInvalid, `Canister ${target} has no update method '${request.method}'`, 'IC0536');
    }
    const context = newContext(canister, request.origin, request.caller, request.method, request.cycles);
    canister.openCallContexts += 1;
    const kind: ExecutionKind = update ? 'update' : 'replicated_query';
    const execution = new Execution(kind, this.clock.nowNs(), { arg: request.arg, callContext: context });
    const exportName = update ? `canister_update ${request.method}` : queryExport;
    const outcome = this.runGuarded(context, execution, () => runtime.runExport(exportName, execution, update ? 'commit' : 'discard'));
    this.afterExecution(canister, context, execution, outcome);
  }

  private handleNativeRequest(canister: Canister, native: NativeCanister, request: Extract<Message, { kind: 'request' }>): void {
    const target = canister.id.toText();
    if (canister.status !== 'running') {
      this.respond(request.origin, reject(RejectCode.CanisterError, `Canister ${target} is ${canister.status}`, 'IC0508'), request.cycles);
      return;
    }
    const caller = Principal.fromUint8Array(request.caller);
    const fromCanister = request.origin.kind === 'canister';
    let answer: Promise<Response> | Response;
    if (native.isUpdate(request.method)) answer = native.update(request.method, request.arg, caller);
    else if (fromCanister && native.isQuery(request.method)) answer = native.query(request.method, request.arg, caller);
    else answer = reject(RejectCode.DestinationInvalid, `Canister ${target} has no update method '${request.method}'`, 'IC0536');
    const settled = Promise.resolve(answer).catch((error: unknown) =>
      reject(RejectCode.CanisterError, `Error from Canister ${target}: ${error instanceof Error ? error.message : String(error)}`, 'IC0503'),
    );
    void this.trackAsync(settled).then((response) => this.respond(request.origin, response, request.cycles));
  }

  private handleManagementRequest(request: Extract<Message, { kind: 'request' }>): void {
    const work = this.management({
      method: request.method,
      arg: request.arg,
      caller: request.caller,
      cycles: request.cycles,
    }).catch((error: unknown) => ({
      response: reject(RejectCode.CanisterError, error instanceof Error ? error.message : String(error)),
      cyclesAccepted: 0n,
    }));
    void this.trackAsync(work).then(({ response, cyclesAccepted }) =>
      this.respond(request.origin, response, request.cycles - cyclesAccepted),
    );
  }

  private handleResponse(message: Extract<Message, { kind: 'response' }>): void {
    const { callerContext, call, response, refund } = message;
    const canister = callerContext.canister;
    canister.cycles += refund;
    callerContext.outstandingCalls -= 1;
    const runtime = canister.runtime;
    if (!runtime || this.canisters.get(canister.id.toText()) !== canister) {
      this.finishIfDone(callerContext);
      return;
    }
    const isReply = response.kind === 'reply';
    const execution = new Execution(isReply ? 'reply_callback' : 'reject_callback', this.clock.nowNs(), {
      arg: isReply ? response.data : undefined,
      callContext: callerContext,
      rejectCode: isReply ? 0 : response.code,
      rejectMessage: isReply ? undefined : response.message,
      cyclesRefunded: refund,
    });
    const callback = isReply ? call.reply : call.reject;
    const outcome = this.runGuarded(callerContext, execution, () => runtime.runCallback(callback, execution));
    if (outcome.trap !== undefined && call.cleanup) {
      const cleanup = new Execution('cleanup', this.clock.nowNs(), { callContext: callerContext });
      const cleanupOutcome = runtime.runCallback(call.cleanup, cleanup);
      this.persist(canister, cleanupOutcome);
    }
    this.afterExecution(canister, callerContext, execution, outcome);
  }

  private handleSystemTask(canister: Canister, task: 'global_timer' | 'heartbeat'): void {
    const runtime = canister.runtime;
    if (!runtime || canister.status !== 'running') return;
    const exportName = task === 'global_timer' ? 'canister_global_timer' : 'canister_heartbeat';
    if (task === 'global_timer') {
      if (canister.globalTimer === 0n || canister.globalTimer > this.clock.nowNs()) return;
      // The spec deactivates the timer before running the handler, whatever the handler does.
      canister.globalTimer = 0n;
    }
    const context = newContext(canister, { kind: 'system' }, canister.idBytes, exportName, 0n);
    canister.openCallContexts += 1;
    const execution = new Execution(task, this.clock.nowNs(), { callContext: context });
    const outcome = this.runGuarded(context, execution, () => runtime.runExport(exportName, execution));
    if (outcome.trap !== undefined) this.onLog(canister.id, `${exportName} trapped: ${outcome.trap}`);
    this.afterExecution(canister, context, execution, outcome);
  }

  /** Runs canister code and undoes what it did to its call context too, should it trap. */
  private runGuarded(context: CallContext, execution: Execution, run: () => RunOutcome): RunOutcome {
    const before = { replied: context.replied, cyclesAvailable: context.cyclesAvailable };
    const outcome = run();
    if (outcome.trap !== undefined) {
      context.replied = before.replied;
      context.cyclesAvailable = before.cyclesAvailable;
      execution.response = undefined;
      execution.performedCalls.length = 0;
    }
    return outcome;
  }

  /** Commits an execution's effects: persist, send its calls, deliver its answer, close its call context. */
  private afterExecution(canister: Canister, context: CallContext, execution: Execution, outcome: RunOutcome): void {
    if (outcome.trap === undefined) {
      if (execution.isReplicated && !execution.isQuery) canister.version += 1n;
      this.persist(canister, outcome);
      for (const call of execution.performedCalls) this.sendCall(canister, context, call);
      if (execution.response) this.answer(context, execution.response);
    } else if (!context.replied && context.origin.kind !== 'system' && execution.kind !== 'reply_callback' && execution.kind !== 'reject_callback') {
      this.answer(context, trapReject(canister, outcome.trap));
    } else if (!context.replied && context.outstandingCalls === 0 && context.origin.kind !== 'system') {
      this.answer(context, trapReject(canister, outcome.trap));
    }
    this.finishIfDone(context);
  }

  /** Journals a committed execution (its chunks and the canister's scalars); a trapped one changed nothing. */
  private persist(canister: Canister, outcome: RunOutcome): void {
    if (outcome.trap === undefined) this.sink?.commit(canister, outcome.heapChunks, outcome.stableChunks);
  }

  private sendCall(canister: Canister, context: CallContext, call: OutgoingCall): void {
    context.outstandingCalls += 1;
    this.queue.push({
      kind: 'request',
      target: call.callee,
      method: call.method,
      arg: concatBytes(call.argParts),
      caller: canister.idBytes,
      cycles: call.cycles,
      origin: { kind: 'canister', caller: canister, callerContext: context, call },
    });
  }

  private answer(context: CallContext, response: Response): void {
    context.replied = true;
    this.respond(context.origin, response, context.cyclesAvailable);
    context.cyclesAvailable = 0n;
  }

  private respond(origin: CallOrigin, response: Response, refund: bigint): void {
    if (origin.kind === 'ingress') origin.deliver(response);
    else if (origin.kind === 'canister') {
      this.queue.push({ kind: 'response', callerContext: origin.callerContext, call: origin.call, response, refund });
    }
    this.schedule();
  }

  private finishIfDone(context: CallContext): void {
    if (context.closed || context.outstandingCalls > 0) return;
    if (!context.replied && context.origin.kind !== 'system') {
      this.answer(
        context,
        reject(RejectCode.CanisterError, `Canister ${context.canister.id.toText()} did not reply to the call`, 'IC0506'),
      );
    }
    context.closed = true;
    const canister = context.canister;
    canister.openCallContexts -= 1;
    if (canister.status === 'stopping' && canister.openCallContexts === 0) {
      canister.status = 'stopped';
      this.sink?.saveCanister(canister);
      this.onStopped(canister);
    }
  }

  /** Hook for the management canister's stop_canister, which answers once the canister has stopped. */
  onStopped: (canister: Canister) => void = () => {};

  /** Runs the target's canister_inspect_message; a reject means the IC would not accept the ingress message. */
  inspectMessage(target: Principal, method: string, arg: Uint8Array, sender: Principal): Response | undefined {
    const canister = this.getCanister(target);
    const runtime = canister?.runtime;
    if (!canister || !runtime?.hasExport('canister_inspect_message')) return undefined;
    const execution = new Execution('inspect_message', this.clock.nowNs(), {
      arg,
      caller: sender.toUint8Array(),
      methodName: method,
    });
    const outcome = runtime.runExport('canister_inspect_message', execution, 'discard');
    if (outcome.trap !== undefined) {
      return reject(RejectCode.CanisterError, `Canister ${target.toText()} trapped in inspect_message: ${outcome.trap}`, 'IC0503');
    }
    if (!execution.messageAccepted) {
      return reject(RejectCode.CanisterReject, `Canister ${target.toText()} rejected the message`, 'IC0516');
    }
    return undefined;
  }

  private allocateId(): Principal {
    for (;;) {
      const id = canisterIdFromIndex(this.nextCanisterIndex++);
      if (!this.canisters.has(id.toText())) {
        this.sink?.saveReplica({ nextCanisterIndex: this.nextCanisterIndex });
        return id;
      }
    }
  }
}

/** install_code failed; the canister is unchanged. */
export class InstallError extends Error {
  override readonly name = 'InstallError';
}

function newContext(
  canister: Canister,
  origin: CallOrigin,
  caller: Uint8Array,
  methodName: string,
  cycles: bigint,
): CallContext {
  return { canister, origin, caller, methodName, cyclesAvailable: cycles, replied: false, outstandingCalls: 0, closed: false };
}

function reject(code: RejectCode, message: string, errorCode?: string): Response {
  return { kind: 'reject', code, message: errorCode ? `${errorCode}: ${message}` : message };
}

function trapReject(canister: Canister, trap: string): Response {
  return reject(RejectCode.CanisterError, `Error from Canister ${canister.id.toText()}: Canister called \`ic0.trap\` with message: '${trap}'`, 'IC0503');
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
