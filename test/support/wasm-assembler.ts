/** A minimal wasm module assembler for tests that need hand-written modules with exact instructions. */
import { ByteSink } from '../../localnet/src/wasm/byte-sink.js';

export type ValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128';
const TYPE_CODES: Record<ValType, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b };

export interface TestFunction {
  /** Exported under this name. */
  name: string;
  params: ValType[];
  results?: ValType[];
  /** Instruction bytes without the final `end`. */
  body: number[];
}

/** A function imported from `ic0`; imports take the first function indices. */
export interface TestImport {
  name: string;
  params: ValType[];
  results?: ValType[];
}

export interface TestModule {
  imports?: TestImport[];
  memoryPages: number;
  maxPages?: number;
  functions: TestFunction[];
  /** A passive data segment (index 0) for memory.init. */
  passiveData?: Uint8Array;
  /** Makes function 0 the start function. */
  start?: boolean;
}

/** Encodes a module with one memory (exported as "memory"), a one-element funcref table and the functions. */
export function assemble(module: TestModule): Uint8Array {
  const out = new ByteSink();
  out.append(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00));
  const imports = module.imports ?? [];
  section(out, 1, [...imports, ...module.functions], (body, fn) => {
    body.byte(0x60);
    vector(body, fn.params, (b, type) => b.byte(TYPE_CODES[type]));
    vector(body, fn.results ?? [], (b, type) => b.byte(TYPE_CODES[type]));
  });
  if (imports.length > 0) {
    section(out, 2, imports, (body, fn, index) => {
      body.sized(new TextEncoder().encode('ic0'));
      body.sized(new TextEncoder().encode(fn.name));
      body.byte(0);
      body.u32(index);
    });
  }
  section(out, 3, module.functions, (body, _fn, index) => body.u32(imports.length + index));
  section(out, 4, [0], (body) => body.append(Uint8Array.of(0x70, 0x00, 0x01)));
  section(out, 5, [module.memoryPages], (body, pages) => {
    body.byte(module.maxPages === undefined ? 0 : 1);
    body.u32(pages);
    if (module.maxPages !== undefined) body.u32(module.maxPages);
  });
  const exports: [string, number, number][] = [
    ['memory', 2, 0],
    ...module.functions.map((fn, i): [string, number, number] => [fn.name, 0, imports.length + i]),
  ];
  section(out, 7, exports, (body, [name, kind, index]) => {
    body.sized(new TextEncoder().encode(name));
    body.byte(kind);
    body.u32(index);
  });
  if (module.start) section(out, 8, null, (body) => body.u32(imports.length));
  if (module.passiveData) section(out, 12, null, (body) => body.u32(1));
  section(out, 10, module.functions, (body, fn) => body.sized(Uint8Array.of(0, ...fn.body, 0x0b)));
  const data = module.passiveData;
  if (data) section(out, 11, [data], (body, bytes) => {
    body.byte(0x01);
    body.sized(bytes);
  });
  return out.result();
}

/** Unsigned LEB128 bytes, for immediates inside instruction lists. */
export function u32(value: number): number[] {
  const sink = new ByteSink();
  sink.u32(value);
  return [...sink.result()];
}

/** Signed LEB128 bytes, for `i32.const` immediates. */
export function i32(value: number): number[] {
  const sink = new ByteSink();
  sink.i32(value);
  return [...sink.result()];
}

function section<T>(out: ByteSink, id: number, items: T[] | null, encode: (body: ByteSink, item: T, index: number) => void): void {
  const body = new ByteSink();
  if (items === null) encode(body, undefined as T, 0);
  else vector(body, items, encode);
  out.byte(id);
  out.sized(body.result());
}

function vector<T>(out: ByteSink, items: T[], encode: (body: ByteSink, item: T, index: number) => void): void {
  out.u32(items.length);
  items.forEach((item, index) => encode(out, item, index));
}
