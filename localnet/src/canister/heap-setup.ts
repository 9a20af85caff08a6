import type { CanisterModule } from '../wasm/canister-module.js';

/**
 * How a runtime finds the heap chunks an execution changed. 'instrumented' runs write-marked code and compares
 * only the chunks it wrote; 'compare' runs the module as submitted and compares the whole heap; 'auto' is
 * 'instrumented' where the module and the persisted heap allow it, else 'compare'.
 */
export type HeapTracking = 'auto' | 'instrumented' | 'compare';

const HEAP_TRACKING_VALUES: readonly HeapTracking[] = ['auto', 'instrumented', 'compare'];

/** Reads a tracking mode from configuration text, e.g. the LOCALNET_HEAP_TRACKING environment variable. */
export function parseHeapTracking(value: string | undefined): HeapTracking {
  if (value === undefined || value === '') return 'auto';
  if ((HEAP_TRACKING_VALUES as readonly string[]).includes(value)) return value as HeapTracking;
  throw new Error(`heap tracking must be one of ${HEAP_TRACKING_VALUES.join(', ')}; got "${value}"`);
}

/** What a new runtime's heap is for. */
export interface HeapSetup {
  tracking: HeapTracking;
  /**
   * Only for a heap about to be restored from persisted state: the write map's offset that state was written
   * with, or null if it was written without one. A fresh heap leaves this undefined.
   */
  persistedMap?: number | null;
}

/** The code to instantiate and where the write map goes, if one is used. */
export interface HeapCode {
  compiled: WebAssembly.Module;
  /** The write map to use: grown now (fresh heap) or already among the persisted pages. */
  writeMap?: { offset: number; reserve: boolean };
  /** Where the heap holds write-map pages, used or not (persisted with the heap). */
  mapPagesAt?: number;
}

/**
 * Picks write-marked code when allowed. A persisted heap written without a write map (or with one elsewhere)
 * may have canister data where the map would go, so it keeps the full comparison until the next install.
 */
export function chooseHeapCode(module: CanisterModule, setup: HeapSetup): HeapCode {
  const persisted = setup.persistedMap ?? undefined;
  const comparing: HeapCode = { compiled: module.compiled, mapPagesAt: persisted };
  if (setup.tracking === 'compare') return comparing;
  const fallBack = (reason: string, cause?: Error): HeapCode => {
    if (setup.tracking === 'auto') return comparing;
    throw new Error(`heap tracking 'instrumented' is not possible for this canister: ${reason}`, { cause });
  };
  const marked = module.writeMarked();
  if (marked instanceof Error) return fallBack(marked.message, marked);
  const fresh = setup.persistedMap === undefined;
  if (!fresh && persisted !== marked.mapOffset) return fallBack('its persisted heap was written without a write map');
  const offset = marked.mapOffset;
  return { compiled: marked.compiled, writeMap: { offset, reserve: fresh }, mapPagesAt: offset };
}
