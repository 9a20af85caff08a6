import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES } from '../../localnet/src/canister/stable-memory.js';
import { WriteMap } from '../../localnet/src/canister/write-map.js';
import { addWriteMarks, CHUNK_SHIFT } from '../../localnet/src/wasm/write-marks.js';
import { assemble, u32, type TestModule, type ValType } from '../support/wasm-assembler.js';

const CHUNK = CHUNK_BYTES;
const PAGES = 2;
const LOCAL_GET = 0x20;

/** The same module twice: as written, and write-marked with its map reserved, as the runtime sets it up. */
function instantiateBoth(module: TestModule) {
  const original = assemble(module);
  const marked = addWriteMarks(original);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(marked.wasm as Uint8Array<ArrayBuffer>));
  const plain = new WebAssembly.Instance(new WebAssembly.Module(original as Uint8Array<ArrayBuffer>));
  const memory = instance.exports.memory as WebAssembly.Memory;
  const map = WriteMap.reserve(memory, marked.mapOffset);
  const call = (name: string, ...args: unknown[]) => (instance.exports[name] as (...a: unknown[]) => unknown)(...args);
  const callPlain = (name: string, ...args: unknown[]) => (plain.exports[name] as (...a: unknown[]) => unknown)(...args);
  const marks = () => map.take(memory.buffer.byteLength / CHUNK);
  /** The canister-visible part of both memories (the marked one also holds the map past it). */
  const heaps = () => [memory, plain.exports.memory as WebAssembly.Memory].map((m) => new Uint8Array(m.buffer, 0, PAGES * 65536));
  return { call, callPlain, marks, heaps, map, memory, mapOffset: marked.mapOffset };
}

const STORES: { name: string; opcode: number; type: ValType; bytes: number; value: unknown }[] = [
  { name: 'i32.store', opcode: 0x36, type: 'i32', bytes: 4, value: 0x11223344 },
  { name: 'i64.store', opcode: 0x37, type: 'i64', bytes: 8, value: 0x1122334455667788n },
  { name: 'f32.store', opcode: 0x38, type: 'f32', bytes: 4, value: 1.5 },
  { name: 'f64.store', opcode: 0x39, type: 'f64', bytes: 8, value: -2.25 },
  { name: 'i32.store8', opcode: 0x3a, type: 'i32', bytes: 1, value: 0x7f },
  { name: 'i32.store16', opcode: 0x3b, type: 'i32', bytes: 2, value: 0x1234 },
  { name: 'i64.store8', opcode: 0x3c, type: 'i64', bytes: 1, value: 0x55n },
  { name: 'i64.store16', opcode: 0x3d, type: 'i64', bytes: 2, value: 0x4321n },
  { name: 'i64.store32', opcode: 0x3e, type: 'i64', bytes: 4, value: 0x76543210n },
];

describe('write-mark pass on hand-written modules', () => {
  it('marks in the chunk size the heap tracker and the journal use', () => {
    expect(1 << CHUNK_SHIFT).toBe(CHUNK_BYTES);
  });

  for (const store of STORES) {
    for (const offset of [0, 16]) {
      it(`${store.name} offset=${offset} marks the chunks of its first and last byte and stores the same bytes`, () => {
        const body = [LOCAL_GET, 0, LOCAL_GET, 1, store.opcode, 0, ...u32(offset)];
        const module = instantiateBoth({ memoryPages: PAGES, functions: [{ name: 'store', params: ['i32', store.type], body }] });

        // Ends one byte into chunk 3 when it is wider than a byte: crosses from chunk 2.
        const crossing = 3 * CHUNK - store.bytes + 1 - offset;
        for (const call of [module.call, module.callPlain]) call('store', crossing, store.value);
        expect(module.marks()).toEqual(store.bytes > 1 ? [2, 3] : [3]);

        const inside = 5 * CHUNK + 8 - offset;
        for (const call of [module.call, module.callPlain]) call('store', inside, store.value);
        expect(module.marks()).toEqual([5]);

        const [marked, plain] = module.heaps();
        expect(Buffer.compare(marked!, plain!)).toBe(0);
      });
    }
  }

  it('marks nothing for a store that traps, which traps as the original does', () => {
    const body = [LOCAL_GET, 0, LOCAL_GET, 1, 0x36, 2, ...u32(8)];
    const module = instantiateBoth({ memoryPages: PAGES, functions: [{ name: 'store', params: ['i32', 'i32'], body }] });
    const end = module.memory.buffer.byteLength;
    const traps = [() => module.call('store', end - 10, 1), () => module.callPlain('store', PAGES * 65536 - 10, 1)].map((run) => {
      try {
        run();
        return 'no trap';
      } catch (error) {
        return String(error);
      }
    });
    expect(traps[0]).toMatch(/RuntimeError: memory access out of bounds/);
    expect(traps[0]).toBe(traps[1]);
    // An address that wraps past 2^32 with its offset must trap too, not write at the wrapped address.
    expect(() => module.call('store', 0xfffffffc, 1)).toThrow(WebAssembly.RuntimeError);
    expect(module.marks()).toEqual([]);
  });

  const bulk: { name: string; instruction: number[]; cases: [number, number, number, number[]][] }[] = [
    {
      name: 'memory.fill',
      instruction: [0xfc, 11, 0],
      cases: [
        [4000, 7, 5000, [0, 1, 2]],
        [8192, 1, 4096, [2]],
        [100, 1, 0, []],
      ],
    },
    {
      name: 'memory.copy',
      instruction: [0xfc, 10, 0, 0],
      cases: [
        [10000, 0, 300, [2]],
        [4095, 0, 2, [0, 1]],
        [4096, 0, 0, []],
      ],
    },
    {
      name: 'memory.init',
      instruction: [0xfc, 8, 0, 0],
      cases: [
        [4090, 0, 6000, [0, 1, 2]],
        [65536 + 4095, 10, 1, [16]],
        [0, 0, 0, []],
      ],
    },
  ];
  for (const op of bulk) {
    it(`${op.name} marks every chunk of its destination range, none when it writes nothing`, () => {
      const body = [LOCAL_GET, 0, LOCAL_GET, 1, LOCAL_GET, 2, ...op.instruction];
      const passiveData = Uint8Array.from({ length: 6000 }, (_, i) => (i * 7) & 0xff);
      const module = instantiateBoth({ memoryPages: PAGES, passiveData, functions: [{ name: 'op', params: ['i32', 'i32', 'i32'], body }] });
      for (const [d, x, n, chunks] of op.cases) {
        for (const call of [module.call, module.callPlain]) call('op', d, x, n);
        expect(module.marks(), `${op.name}(${d}, ${x}, ${n})`).toEqual(chunks);
      }
      const [marked, plain] = module.heaps();
      expect(Buffer.compare(marked!, plain!)).toBe(0);
    });
  }

  it('marks nothing for a bulk operation that traps', () => {
    const body = [LOCAL_GET, 0, LOCAL_GET, 1, LOCAL_GET, 2, 0xfc, 11, 0];
    const module = instantiateBoth({ memoryPages: PAGES, functions: [{ name: 'fill', params: ['i32', 'i32', 'i32'], body }] });
    const end = module.memory.buffer.byteLength;
    expect(() => module.call('fill', end - 10, 1, 20)).toThrow(/memory access out of bounds/);
    expect(() => module.call('fill', 0xfffff000, 1, 0x2000)).toThrow(/memory access out of bounds/);
    expect(module.marks()).toEqual([]);
  });

  it('leaves a module without writes byte for byte as it was', () => {
    const add = { name: 'add', params: ['i32', 'i32'] as ValType[], results: ['i32'] as ValType[], body: [LOCAL_GET, 0, LOCAL_GET, 1, 0x6a] };
    const original = assemble({ memoryPages: PAGES, functions: [add] });
    const marked = addWriteMarks(original).wasm;
    expect(Buffer.compare(Buffer.from(marked), Buffer.from(original))).toBe(0);
  });

  it('lets the host mark its own writes (ic0 copies) by address range', () => {
    const module = instantiateBoth({ memoryPages: PAGES, functions: [{ name: 'nop', params: [], body: [] }] });
    module.map.mark(CHUNK - 1, 2);
    module.map.mark(9 * CHUNK, 0);
    module.map.mark(10 * CHUNK, CHUNK);
    expect(module.marks()).toEqual([0, 1, 10]);
  });

  it('refuses modules it cannot track: a start function, no room for the map, SIMD', () => {
    const nop = { name: 'nop', params: [] as ValType[], body: [] };
    expect(() => addWriteMarks(assemble({ memoryPages: PAGES, start: true, functions: [nop] }))).toThrow(/start function/);
    expect(() => addWriteMarks(assemble({ memoryPages: PAGES, maxPages: PAGES + 8, functions: [nop] }))).toThrow(/no room for the write map/);
    const simdStore = [LOCAL_GET, 0, LOCAL_GET, 1, 0xfd, 11, 4, 0];
    const simd = { name: 'store', params: ['i32', 'v128'] as ValType[], body: simdStore };
    expect(() => addWriteMarks(assemble({ memoryPages: PAGES, functions: [simd] }))).toThrow(/opcode 0xfd/);
  });
});
