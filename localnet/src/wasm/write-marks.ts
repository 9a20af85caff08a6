import { readU32 } from './leb128.js';
import { ByteSink } from './byte-sink.js';
import { decodeInstruction, UnsupportedWasmError, type MemoryEffect, type ValueType } from './instructions.js';
import { readModuleShape, readSections, SectionId, type ModuleShape } from './sections.js';

/** Memory is tracked in 4 KiB chunks, the unit of rollback and of the journal (CHUNK_BYTES). */
export const CHUNK_SHIFT = 12;
/** One mark byte per chunk of the whole 32-bit address space. */
export const WRITE_MAP_BYTES = 2 ** (32 - CHUNK_SHIFT);
const PAGE_BYTES = 65536;
export const WRITE_MAP_PAGES = WRITE_MAP_BYTES / PAGE_BYTES;

/** A module whose every write to linear memory also sets the write-map byte of each chunk it touched. */
export interface WriteMarkedModule {
  wasm: Uint8Array;
  /** Where the write map lives: the module's initial memory size, i.e. the first page the host grows. */
  mapOffset: number;
}

const Op = {
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Const: 0x41,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32ShrU: 0x76,
  i32Store8: 0x3a,
  select: 0x1b,
  prefixFc: 0xfc,
  memoryFill: 11,
} as const;
const TYPE_CODES: Record<ValueType, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };

/**
 * Rewrites every store, memory.fill, memory.copy and memory.init so that, once it has succeeded, it writes 1
 * into the write map at `mapOffset + (address >> 12)` for every 4 KiB chunk it wrote. Marking after the write
 * means a trapping access marks nothing and every mark lies inside the memory. The map itself lies
 * in pages the host grows right after instantiation (see `WriteMap`), which an allocator that takes memory
 * only from memory.grow never hands out. Function indices, tables and the memory section stay unchanged.
 */
export function addWriteMarks(wasm: Uint8Array): WriteMarkedModule {
  const sections = readSections(wasm);
  const shape = readModuleShape(wasm, sections);
  const mapOffset = checkMemory(shape);
  const code = sections.find((section) => section.id === SectionId.code);
  if (!code) throw new UnsupportedWasmError('the module has no code section');
  const out = new ByteSink(wasm.length * 2);
  out.append(wasm.subarray(0, code.start));
  out.byte(SectionId.code);
  out.sized(rewriteCodeSection(wasm, code.bodyStart, code.bodyEnd, shape, mapOffset));
  out.append(wasm.subarray(code.bodyEnd));
  return { wasm: out.result(), mapOffset };
}

function checkMemory(shape: ModuleShape): number {
  // A start function would run canister code before the host has grown the map's pages.
  if (shape.hasStart) throw new UnsupportedWasmError('the module has a start function');
  const { initialPages, maxPages } = shape.memory;
  const neededPages = initialPages + WRITE_MAP_PAGES;
  if (neededPages > 65536 || (maxPages !== undefined && maxPages < neededPages)) {
    throw new UnsupportedWasmError(`memory limits (${initialPages}..${maxPages}) leave no room for the write map`);
  }
  return initialPages * PAGE_BYTES;
}

function rewriteCodeSection(wasm: Uint8Array, start: number, end: number, shape: ModuleShape, mapOffset: number): Uint8Array {
  const out = new ByteSink(end - start + (end - start) / 2);
  const count = readU32(wasm, start);
  out.u32(count.value);
  let at = count.next;
  for (let i = 0; i < count.value; i++) {
    const size = readU32(wasm, at);
    const bodyEnd = size.next + size.value;
    const params = shape.paramCounts[shape.importedFunctions + i];
    if (params === undefined) throw new UnsupportedWasmError('code section and function section disagree');
    out.sized(rewriteBody(wasm, size.next, bodyEnd, params, mapOffset));
    at = bodyEnd;
  }
  if (at !== end) throw new UnsupportedWasmError('code section has trailing bytes');
  return out.result();
}

/** The scratch locals a rewritten function gets: three i32 plus one per other stored value type. */
interface Scratch {
  address: number;
  i32: number;
  size: number;
  i64: number;
  f32: number;
  f64: number;
}

function rewriteBody(wasm: Uint8Array, start: number, end: number, params: number, mapOffset: number): Uint8Array {
  const groups = readU32(wasm, start);
  let at = groups.next;
  let locals = params;
  for (let i = 0; i < groups.value; i++) {
    const group = readU32(wasm, at);
    locals += group.value;
    at = group.next + 1;
  }
  const codeStart = at;
  const sites: { at: number; end: number; effect: MemoryEffect }[] = [];
  while (at < end) {
    const instruction = decodeInstruction(wasm, at);
    if (instruction.effect.kind !== 'none') sites.push({ at, ...instruction });
    at = instruction.end;
  }
  if (at !== end) throw new UnsupportedWasmError('function body overruns its size');
  if (sites.length === 0) return wasm.subarray(start, end);

  const scratch: Scratch = { address: locals, i32: locals + 1, size: locals + 2, i64: locals + 3, f32: locals + 4, f64: locals + 5 };
  const out = new ByteSink((end - start) * 3);
  out.u32(groups.value + 4);
  out.append(wasm.subarray(groups.next, codeStart));
  for (const [count, type] of [[3, 'i32'], [1, 'i64'], [1, 'f32'], [1, 'f64']] as const) {
    out.u32(count);
    out.byte(TYPE_CODES[type]);
  }
  let copied = codeStart;
  for (const site of sites) {
    out.append(wasm.subarray(copied, site.at));
    const original = wasm.subarray(site.at, site.end);
    if (site.effect.kind === 'store') emitStore(out, original, site.effect, scratch, mapOffset);
    else emitBulk(out, original, scratch, mapOffset);
    copied = site.end;
  }
  out.append(wasm.subarray(copied, end));
  return out.result();
}

/** Stack [address, value] → the store, then marks of the chunks of its first and last byte. */
function emitStore(
  out: ByteSink,
  store: Uint8Array,
  effect: Extract<MemoryEffect, { kind: 'store' }>,
  scratch: Scratch,
  mapOffset: number,
): void {
  const value = scratch[effect.valueType];
  local(out, Op.localSet, value);
  local(out, Op.localTee, scratch.address);
  local(out, Op.localGet, value);
  out.append(store);
  markChunkOf(out, scratch.address, effect.offset, mapOffset);
  // The store succeeded, so address + offset + bytes <= 2^32 and this sum cannot wrap.
  if (effect.bytes > 1) markChunkOf(out, scratch.address, effect.offset + effect.bytes - 1, mapOffset);
}

/** map[(local + offset) >> 12] = 1 */
function markChunkOf(out: ByteSink, address: number, offset: number, mapOffset: number): void {
  local(out, Op.localGet, address);
  if (offset !== 0) {
    out.byte(Op.i32Const);
    out.i32(offset);
    out.byte(Op.i32Add);
  }
  shiftToChunk(out);
  out.byte(Op.i32Const);
  out.i32(1);
  out.byte(Op.i32Store8);
  out.u32(0);
  out.u32(mapOffset);
}

/**
 * Stack [d, x, n] → the bulk operation, then memory.fill(map + (d >> 12), 1, chunks) where chunks covers
 * d .. d + n - 1, or is 0 when n is 0. Bulk operations check bounds before writing anything, so after
 * success d + n <= 2^32.
 */
function emitBulk(out: ByteSink, operation: Uint8Array, scratch: Scratch, mapOffset: number): void {
  local(out, Op.localSet, scratch.size);
  local(out, Op.localSet, scratch.i32);
  local(out, Op.localTee, scratch.address);
  local(out, Op.localGet, scratch.i32);
  local(out, Op.localGet, scratch.size);
  out.append(operation);
  // destination: map + (d >> 12)
  local(out, Op.localGet, scratch.address);
  shiftToChunk(out);
  out.byte(Op.i32Const);
  out.i32(mapOffset);
  out.byte(Op.i32Add);
  // value
  out.byte(Op.i32Const);
  out.i32(1);
  // length: ((d + n - 1) >> 12) + 1 - (d >> 12), or 0 when n is 0
  local(out, Op.localGet, scratch.address);
  local(out, Op.localGet, scratch.size);
  out.byte(Op.i32Add);
  out.byte(Op.i32Const);
  out.i32(1);
  out.byte(Op.i32Sub);
  shiftToChunk(out);
  out.byte(Op.i32Const);
  out.i32(1);
  out.byte(Op.i32Add);
  local(out, Op.localGet, scratch.address);
  shiftToChunk(out);
  out.byte(Op.i32Sub);
  out.byte(Op.i32Const);
  out.i32(0);
  local(out, Op.localGet, scratch.size);
  out.byte(Op.select);
  out.byte(Op.prefixFc);
  out.u32(Op.memoryFill);
  out.byte(0);
}

function shiftToChunk(out: ByteSink): void {
  out.byte(Op.i32Const);
  out.i32(CHUNK_SHIFT);
  out.byte(Op.i32ShrU);
}

function local(out: ByteSink, op: number, index: number): void {
  out.byte(op);
  out.u32(index);
}
