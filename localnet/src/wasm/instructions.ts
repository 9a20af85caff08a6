import { readU32 } from './leb128.js';

/** A wasm construct the write-mark pass does not know how to walk or instrument safely. */
export class UnsupportedWasmError extends Error {
  override readonly name = 'UnsupportedWasmError';
}

/** What one instruction does to linear memory, as far as write tracking cares. */
export type MemoryEffect =
  | { kind: 'none' }
  /** A plain store of `bytes` bytes at address + `offset`, with an operand of `valueType`. */
  | { kind: 'store'; bytes: number; offset: number; valueType: ValueType }
  /** memory.fill, memory.copy or memory.init: writes `n` bytes from `d` (operands d, x, n, all i32). */
  | { kind: 'bulk' };

export type ValueType = 'i32' | 'i64' | 'f32' | 'f64';

/** Store opcodes (0x36..0x3e): bytes written and operand type. */
const STORES: ReadonlyMap<number, { bytes: number; valueType: ValueType }> = new Map([
  [0x36, { bytes: 4, valueType: 'i32' }],
  [0x37, { bytes: 8, valueType: 'i64' }],
  [0x38, { bytes: 4, valueType: 'f32' }],
  [0x39, { bytes: 8, valueType: 'f64' }],
  [0x3a, { bytes: 1, valueType: 'i32' }],
  [0x3b, { bytes: 2, valueType: 'i32' }],
  [0x3c, { bytes: 1, valueType: 'i64' }],
  [0x3d, { bytes: 2, valueType: 'i64' }],
  [0x3e, { bytes: 4, valueType: 'i64' }],
] as const);

const NONE: MemoryEffect = { kind: 'none' };
const BULK: MemoryEffect = { kind: 'bulk' };
const MEMORY_INIT = 8;
const MEMORY_COPY = 10;
const MEMORY_FILL = 11;

/** One decoded instruction: where it ends and what it writes. */
export interface Instruction {
  end: number;
  effect: MemoryEffect;
}

/**
 * Decodes the instruction starting at `at` far enough to know its length and memory effect. Covers the MVP,
 * sign extension, saturating conversions, bulk memory and reference types (what Rust and wasi-sdk emit for
 * the IC); SIMD, atomics, exceptions, tail calls, GC and a second memory are refused, because a store the pass
 * cannot see would make write tracking silently wrong.
 */
export function decodeInstruction(code: Uint8Array, at: number): Instruction {
  const opcode = code[at]!;
  const next = at + 1;
  if (opcode >= 0x45 && opcode <= 0xc4) return { end: next, effect: NONE };
  if (opcode >= 0x28 && opcode <= 0x3e) return memoryAccess(code, opcode, next);
  switch (opcode) {
    case 0x00: // unreachable
    case 0x01: // nop
    case 0x05: // else
    case 0x0b: // end
    case 0x0f: // return
    case 0x1a: // drop
    case 0x1b: // select
    case 0xd1: // ref.is_null
      return { end: next, effect: NONE };
    case 0x02: // block
    case 0x03: // loop
    case 0x04: // if
      return { end: skipBlockType(code, next), effect: NONE };
    case 0x0c: // br
    case 0x0d: // br_if
    case 0x10: // call
    case 0x20: // local.get
    case 0x21: // local.set
    case 0x22: // local.tee
    case 0x23: // global.get
    case 0x24: // global.set
    case 0x25: // table.get
    case 0x26: // table.set
    case 0xd2: // ref.func
    case 0x41: // i32.const
    case 0x42: // i64.const
      return { end: skipLeb(code, next), effect: NONE };
    case 0x0e: // br_table
      return { end: skipLebVector(code, next, 1), effect: NONE };
    case 0x11: // call_indirect: type index, table index
      return { end: skipLeb(code, skipLeb(code, next)), effect: NONE };
    case 0x1c: // select with types
      return { end: skipLebVector(code, next, 0), effect: NONE };
    case 0x3f: // memory.size
    case 0x40: // memory.grow
      return { end: memoryIndexZero(code, next), effect: NONE };
    case 0x43: // f32.const
      return { end: next + 4, effect: NONE };
    case 0x44: // f64.const
      return { end: next + 8, effect: NONE };
    case 0xd0: // ref.null
      return { end: next + 1, effect: NONE };
    case 0xfc:
      return prefixedFc(code, next);
    default:
      throw new UnsupportedWasmError(`opcode 0x${opcode.toString(16)} at byte ${at}`);
  }
}

function memoryAccess(code: Uint8Array, opcode: number, at: number): Instruction {
  const align = readU32(code, at);
  // Bit 6 of the alignment field announces an explicit memory index (multi-memory).
  if (align.value & 0x40) throw new UnsupportedWasmError(`memory access with a memory index at byte ${at}`);
  const offset = readU32(code, align.next);
  const store = STORES.get(opcode);
  if (!store) return { end: offset.next, effect: NONE };
  return { end: offset.next, effect: { kind: 'store', bytes: store.bytes, offset: offset.value, valueType: store.valueType } };
}

function prefixedFc(code: Uint8Array, at: number): Instruction {
  const sub = readU32(code, at);
  const next = sub.next;
  if (sub.value <= 7) return { end: next, effect: NONE }; // saturating float-to-int
  switch (sub.value) {
    case MEMORY_INIT:
      return { end: memoryIndexZero(code, skipLeb(code, next)), effect: BULK };
    case MEMORY_COPY:
      return { end: memoryIndexZero(code, memoryIndexZero(code, next)), effect: BULK };
    case MEMORY_FILL:
      return { end: memoryIndexZero(code, next), effect: BULK };
    case 9: // data.drop
    case 13: // elem.drop
    case 15: // table.grow
    case 16: // table.size
    case 17: // table.fill
      return { end: skipLeb(code, next), effect: NONE };
    case 12: // table.init
    case 14: // table.copy
      return { end: skipLeb(code, skipLeb(code, next)), effect: NONE };
    default:
      throw new UnsupportedWasmError(`opcode 0xfc ${sub.value}`);
  }
}

function memoryIndexZero(code: Uint8Array, at: number): number {
  if (code[at] !== 0x00) throw new UnsupportedWasmError(`memory index other than 0 at byte ${at}`);
  return at + 1;
}

/** A block type is 0x40 (empty), a one-byte value type, or a signed LEB128 type index. */
function skipBlockType(code: Uint8Array, at: number): number {
  const byte = code[at]!;
  if (byte === 0x40 || (byte >= 0x6f && byte <= 0x7f)) return at + 1;
  return skipLeb(code, at);
}

function skipLeb(code: Uint8Array, at: number): number {
  let position = at;
  while (code[position]! & 0x80) position++;
  if (position >= code.length) throw new UnsupportedWasmError('truncated LEB128');
  return position + 1;
}

/** Skips a LEB128 count, that many LEB128 items, then `trailing` more (br_table's default label). */
function skipLebVector(code: Uint8Array, at: number, trailing: number): number {
  const count = readU32(code, at);
  let position = count.next;
  for (let i = 0; i < count.value + trailing; i++) position = skipLeb(code, position);
  return position;
}
