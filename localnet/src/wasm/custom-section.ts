import { encodeU32 } from './leb128.js';

/** Appends a wasm custom section, e.g. `icp:public candid:service` as dfx adds for canister metadata. */
export function appendCustomSection(wasm: Uint8Array, name: string, content: Uint8Array): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const body = [encodeU32(nameBytes.length), nameBytes, content];
  const bodyLength = body.reduce((sum, part) => sum + part.length, 0);
  const parts = [wasm, Uint8Array.of(0), encodeU32(bodyLength), ...body];
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
