import type { Principal } from '@dfinity/principal';
import type { Response } from '../execution/execution.js';

/**
 * A canister implemented in the host rather than in wasm: the built-in asset canister, which has no wasm
 * available offline. It answers candid-encoded calls like any canister; it keeps its own durable state.
 */
export interface NativeCanister {
  /** What `module_hash` reports for it (an arbitrary but stable 32-byte value). */
  readonly moduleHash: Uint8Array;
  isQuery(method: string): boolean;
  isUpdate(method: string): boolean;
  query(method: string, arg: Uint8Array, caller: Principal): Response;
  update(method: string, arg: Uint8Array, caller: Principal): Promise<Response> | Response;
}
