import { concatBytes } from '../bytes.js';
import { encodeU32, readU32 } from './leb128.js';

const EXPORT_SECTION_ID = 7;
const TABLE_EXPORT_KIND = 1;
const WASM_HEADER_BYTES = 8;

/**
 * Returns a copy of `wasm` whose export section also exports table 0 under `name`.
 *
 * The IC calls back into a canister through its function table (the callbacks given to `call_new` are table
 * indices), but Rust-built canisters do not export their table, so the host cannot reach it otherwise.
 */
export function addTableExport(wasm: Uint8Array, name: string): Uint8Array {
  let offset = WASM_HEADER_BYTES;
  while (offset < wasm.length) {
    const sectionStart = offset;
    const id = wasm[offset];
    const size = readU32(wasm, offset + 1);
    const bodyStart = size.next;
    const bodyEnd = bodyStart + size.value;
    if (id === EXPORT_SECTION_ID) {
      return rewriteExportSection(wasm, sectionStart, bodyStart, bodyEnd, name);
    }
    offset = bodyEnd;
  }
  throw new Error('wasm module has no export section');
}

function rewriteExportSection(
  wasm: Uint8Array,
  sectionStart: number,
  bodyStart: number,
  bodyEnd: number,
  name: string,
): Uint8Array {
  const count = readU32(wasm, bodyStart);
  const existingEntries = wasm.subarray(count.next, bodyEnd);
  const nameBytes = new TextEncoder().encode(name);
  const newEntry = concatBytes([encodeU32(nameBytes.length), nameBytes, Uint8Array.of(TABLE_EXPORT_KIND, 0)]);
  const body = concatBytes([encodeU32(count.value + 1), existingEntries, newEntry]);
  return concatBytes([
    wasm.subarray(0, sectionStart),
    Uint8Array.of(EXPORT_SECTION_ID),
    encodeU32(body.length),
    body,
    wasm.subarray(bodyEnd),
  ]);
}
