import { IDL } from '@dfinity/candid';

import { Codec } from './codec';

/**
 * Stores values as candid bytes. Far smaller than Azle's default tagged JSON (no field names repeated as text,
 * LEB128 numbers, raw principals) and it reuses the candid types the canister already declares.
 */
export function candidCodec<T>(type: IDL.Type): Codec<T> {
  return {
    toBytes: (value: T): Uint8Array => IDL.encode([type], [value]),
    fromBytes: (bytes: Uint8Array): T => IDL.decode([type], bytes)[0] as T
  };
}
