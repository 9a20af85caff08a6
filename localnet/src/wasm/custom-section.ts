import { concatBytes } from '../bytes.js';
import { encodeU32 } from './leb128.js';

/** Appends a wasm custom section, e.g. `icp:public candid:service` as dfx adds for canister metadata. */
export function appendCustomSection(wasm: Uint8Array, name: string, content: Uint8Array): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const body = [encodeU32(nameBytes.length), nameBytes, content];
  const bodyLength = body.reduce((sum, part) => sum + part.length, 0);
  return concatBytes([wasm, Uint8Array.of(0), encodeU32(bodyLength), ...body]);
}
