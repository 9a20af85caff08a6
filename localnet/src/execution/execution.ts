import type { RejectCode } from '../errors.js';

/** What kind of message a canister is executing; the System API allows different calls in each. */
export type ExecutionKind =
  | 'init'
  | 'pre_upgrade'
  | 'post_upgrade'
  | 'update'
  | 'query'
  | 'replicated_query'
  | 'reply_callback'
  | 'reject_callback'
  | 'cleanup'
  | 'inspect_message'
  | 'global_timer'
  | 'heartbeat';

/** A table function plus the environment pointer it is called with. */
export interface TableCallback {
  fn: number;
  env: number;
}

/** An inter-canister call under construction (call_new ... call_perform). */
export interface OutgoingCall {
  callee: Uint8Array;
  method: string;
  argParts: Uint8Array[];
  cycles: bigint;
  reply: TableCallback;
  reject: TableCallback;
  cleanup?: TableCallback;
  timeoutSeconds?: number;
}

/** The reply or reject a call context produced. */
export type Response = { kind: 'reply'; data: Uint8Array } | { kind: 'reject'; code: RejectCode; message: string };

/**
 * The per-call-context facts an execution can read or change: whether the call was answered yet and how many of
 * the cycles the caller attached are still available.
 */
export interface CallContextView {
  readonly caller: Uint8Array;
  readonly methodName: string;
  cyclesAvailable: bigint;
  replied: boolean;
}

/** Everything one message execution reads from and writes to the System API. */
export class Execution {
  readonly replyParts: Uint8Array[] = [];
  response: Response | undefined;
  pendingCall: OutgoingCall | undefined;
  readonly performedCalls: OutgoingCall[] = [];
  messageAccepted = false;
  cyclesAccepted = 0n;
  readonly debugOutput: string[] = [];

  constructor(
    readonly kind: ExecutionKind,
    readonly time: bigint,
    readonly options: {
      arg?: Uint8Array;
      caller?: Uint8Array;
      methodName?: string;
      callContext?: CallContextView;
      rejectCode?: RejectCode | 0;
      rejectMessage?: string;
      cyclesRefunded?: bigint;
      dataCertificate?: Uint8Array;
    } = {},
  ) {}

  get isQuery(): boolean {
    return this.kind === 'query' || this.kind === 'replicated_query';
  }

  get isReplicated(): boolean {
    return this.kind !== 'query';
  }

  /** Whether call_new/call_perform are permitted (the spec forbids calls from init, upgrade hooks and queries). */
  get mayCall(): boolean {
    return ['update', 'reply_callback', 'reject_callback', 'global_timer', 'heartbeat'].includes(this.kind);
  }
}
