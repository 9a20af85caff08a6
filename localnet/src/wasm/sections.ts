import { readU32 } from './leb128.js';
import { UnsupportedWasmError } from './instructions.js';

const WASM_HEADER_BYTES = 8;
export const SectionId = { type: 1, import: 2, function: 3, memory: 5, start: 8, code: 10 } as const;

/** One top-level section of a wasm binary: where it starts and where its body lies. */
export interface Section {
  id: number;
  start: number;
  bodyStart: number;
  bodyEnd: number;
}

export function readSections(wasm: Uint8Array): Section[] {
  const sections: Section[] = [];
  let offset = WASM_HEADER_BYTES;
  while (offset < wasm.length) {
    const size = readU32(wasm, offset + 1);
    sections.push({ id: wasm[offset]!, start: offset, bodyStart: size.next, bodyEnd: size.next + size.value });
    offset = size.next + size.value;
  }
  return sections;
}

/** The facts about a module the write-mark pass needs besides its code. */
export interface ModuleShape {
  /** Parameter count of each function in the function index space (imports first). */
  paramCounts: number[];
  importedFunctions: number;
  memory: { initialPages: number; maxPages: number | undefined };
  hasStart: boolean;
}

const FUNC_TYPE = 0x60;
const IMPORT_KINDS = { function: 0, table: 1, memory: 2, global: 3 } as const;

/** Reads the type, import, function, memory and start sections; refuses shapes the pass cannot handle. */
export function readModuleShape(wasm: Uint8Array, sections: Section[]): ModuleShape {
  const body = (id: number) => sections.find((section) => section.id === id);
  const typeParams = readTypeParamCounts(wasm, body(SectionId.type));
  const paramCounts: number[] = [];
  const imports = body(SectionId.import);
  if (imports) {
    let at = imports.bodyStart;
    const count = readU32(wasm, at);
    at = count.next;
    for (let i = 0; i < count.value; i++) {
      at = skipName(wasm, skipName(wasm, at));
      const kind = wasm[at++];
      if (kind === IMPORT_KINDS.function) {
        const type = readU32(wasm, at);
        paramCounts.push(typeParams[type.value]!);
        at = type.next;
      } else if (kind === IMPORT_KINDS.table) {
        at = skipLimits(wasm, at + 1);
      } else if (kind === IMPORT_KINDS.global) {
        at += 2;
      } else {
        throw new UnsupportedWasmError(`import of kind ${kind} (imported memory or tag)`);
      }
    }
  }
  const importedFunctions = paramCounts.length;
  const functions = body(SectionId.function);
  if (functions) {
    const count = readU32(wasm, functions.bodyStart);
    let at = count.next;
    for (let i = 0; i < count.value; i++) {
      const type = readU32(wasm, at);
      paramCounts.push(typeParams[type.value]!);
      at = type.next;
    }
  }
  return { paramCounts, importedFunctions, memory: readMemory(wasm, body(SectionId.memory)), hasStart: body(SectionId.start) !== undefined };
}

function readTypeParamCounts(wasm: Uint8Array, section: Section | undefined): number[] {
  if (!section) return [];
  const counts: number[] = [];
  const count = readU32(wasm, section.bodyStart);
  let at = count.next;
  for (let i = 0; i < count.value; i++) {
    if (wasm[at] !== FUNC_TYPE) throw new UnsupportedWasmError(`type form 0x${wasm[at]?.toString(16)} (GC types)`);
    const params = readU32(wasm, at + 1);
    const results = readU32(wasm, params.next + params.value);
    counts.push(params.value);
    at = results.next + results.value;
  }
  return counts;
}

function readMemory(wasm: Uint8Array, section: Section | undefined): ModuleShape['memory'] {
  if (!section) throw new UnsupportedWasmError('the module defines no memory');
  const count = readU32(wasm, section.bodyStart);
  if (count.value !== 1) throw new UnsupportedWasmError(`${count.value} memories`);
  const flags = wasm[count.next]!;
  if (flags > 1) throw new UnsupportedWasmError(`memory flags ${flags} (shared or 64-bit memory)`);
  const initial = readU32(wasm, count.next + 1);
  return { initialPages: initial.value, maxPages: flags === 1 ? readU32(wasm, initial.next).value : undefined };
}

function skipName(wasm: Uint8Array, at: number): number {
  const length = readU32(wasm, at);
  return length.next + length.value;
}

function skipLimits(wasm: Uint8Array, at: number): number {
  const flags = wasm[at]!;
  const min = readU32(wasm, at + 1);
  return flags & 1 ? readU32(wasm, min.next).next : min.next;
}
