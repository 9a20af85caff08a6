import type { Canister } from '../canister/canister.js';
import type { CallContextView, OutgoingCall, Response } from '../execution/execution.js';

/** Where the answer to a call goes once the callee replies or rejects. */
export type CallOrigin =
  | { kind: 'ingress'; deliver: (response: Response) => void }
  | { kind: 'canister'; caller: Canister; callerContext: CallContext; call: OutgoingCall }
  | { kind: 'system' };

/** The IC's call context: one incoming call, the executions that serve it and the calls they are awaiting. */
export interface CallContext extends CallContextView {
  readonly canister: Canister;
  readonly origin: CallOrigin;
  outstandingCalls: number;
  closed: boolean;
}

/** A message waiting in the replica's queue. */
export type Message =
  | {
      kind: 'request';
      target: Uint8Array;
      method: string;
      arg: Uint8Array;
      caller: Uint8Array;
      cycles: bigint;
      origin: CallOrigin;
    }
  | {
      kind: 'response';
      callerContext: CallContext;
      call: OutgoingCall;
      response: Response;
      refund: bigint;
    }
  | { kind: 'system_task'; canister: Canister; task: 'global_timer' | 'heartbeat' };
