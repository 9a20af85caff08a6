import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

/** How an actor reaches the replica: one function for updates, one for queries. */
export interface ActorTransport {
  update(canisterId: Principal, method: string, arg: Uint8Array): Promise<Uint8Array>;
  query(canisterId: Principal, method: string, arg: Uint8Array): Promise<Uint8Array>;
}

/**
 * A typed actor over an IDL factory (as generated from a .did), with the same call shape as @dfinity/agent's
 * Actor: one async method per service method, candid-encoded arguments, a single result unwrapped.
 */
export function createActor<T>(idlFactory: IDL.InterfaceFactory, canisterId: Principal, transport: ActorTransport): T {
  const service = idlFactory({ IDL });
  const actor: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [name, func] of service._fields) {
    const isQuery = func.annotations.includes('query') || func.annotations.includes('composite_query');
    actor[name] = async (...args: unknown[]) => {
      const arg = new Uint8Array(IDL.encode(func.argTypes, args));
      const reply = isQuery ? await transport.query(canisterId, name, arg) : await transport.update(canisterId, name, arg);
      const values = IDL.decode(func.retTypes, reply);
      if (func.retTypes.length === 0) return undefined;
      return func.retTypes.length === 1 ? values[0] : values;
    };
  }
  return actor as T;
}
