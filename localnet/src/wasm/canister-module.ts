import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { addTableExport } from './table-export.js';
import { addWriteMarks } from './write-marks.js';

/** The name under which the host reaches the canister's function table to run call-backs. */
export const TABLE_EXPORT = '__localnet_table';
const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

/** A compiled canister module, with the facts the replica needs about it. */
export interface CanisterModule {
  /** SHA-256 of the module bytes as submitted (what `module_hash` reports). */
  readonly hash: Uint8Array;
  readonly compiled: WebAssembly.Module;
  readonly exports: ReadonlySet<string>;
  /** `icp:public` / `icp:private` custom sections by name, e.g. `candid:service`. */
  readonly metadata: ReadonlyMap<string, { visibility: 'public' | 'private'; content: Uint8Array }>;
  /** The write-marked build (see `write-marks.ts`), made on first use; an Error says why the module has none. */
  writeMarked(): WriteMarkedCompiled | Error;
}

export interface WriteMarkedCompiled {
  readonly compiled: WebAssembly.Module;
  /** Where in linear memory the host must reserve the write map. */
  readonly mapOffset: number;
}

const compiledByHash = new Map<string, CanisterModule>();

/** Decompresses (if gzipped), adds the table export and compiles; identical modules are compiled once. */
export function loadCanisterModule(submitted: Uint8Array): CanisterModule {
  const hash = createHash('sha256').update(submitted).digest();
  const key = hash.toString('hex');
  const cached = compiledByHash.get(key);
  if (cached) return cached;
  const raw = isGzip(submitted) ? new Uint8Array(gunzipSync(submitted)) : submitted;
  if (raw[0] !== 0x00 || raw[1] !== 0x61 || raw[2] !== 0x73 || raw[3] !== 0x6d) {
    throw new Error('the module is neither a wasm binary nor a gzipped wasm binary');
  }
  const compiled = new WebAssembly.Module(addTableExport(raw, TABLE_EXPORT) as Uint8Array<ArrayBuffer>);
  let writeMarked: WriteMarkedCompiled | Error | undefined;
  const module: CanisterModule = {
    hash: new Uint8Array(hash),
    compiled,
    exports: new Set(WebAssembly.Module.exports(compiled).map((entry) => entry.name)),
    metadata: readMetadata(compiled),
    writeMarked: () => (writeMarked ??= compileWriteMarked(raw)),
  };
  compiledByHash.set(key, module);
  return module;
}

function compileWriteMarked(raw: Uint8Array): WriteMarkedCompiled | Error {
  try {
    const marked = addWriteMarks(raw);
    const wasm = addTableExport(marked.wasm, TABLE_EXPORT) as Uint8Array<ArrayBuffer>;
    return { compiled: new WebAssembly.Module(wasm), mapOffset: marked.mapOffset };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function isGzip(bytes: Uint8Array): boolean {
  return GZIP_MAGIC.every((byte, index) => bytes[index] === byte);
}

function readMetadata(compiled: WebAssembly.Module): Map<string, { visibility: 'public' | 'private'; content: Uint8Array }> {
  const metadata = new Map<string, { visibility: 'public' | 'private'; content: Uint8Array }>();
  for (const visibility of ['public', 'private'] as const) {
    const prefix = `icp:${visibility} `;
    // The JS API can only look sections up by exact name, so probe the names canisters conventionally carry.
    for (const name of ['candid:service', 'candid:args', 'git_commit_id', 'dfx', 'supported_certificate_versions']) {
      const [section] = WebAssembly.Module.customSections(compiled, prefix + name);
      if (section) metadata.set(name, { visibility, content: new Uint8Array(section) });
    }
  }
  return metadata;
}
