import { Principal } from '@dfinity/principal';
import type { Canister, CanisterSettings, CanisterStatus } from '../canister/canister.js';

/** The JSON form of a canister's scalar state, written with every durable record. */
export interface CanisterMeta {
  id: string;
  status: CanisterStatus;
  cycles: string;
  certifiedData: string;
  globalTimer: string;
  version: string;
  heapBytes: number;
  /** Offset of the write map's pages in the heap (absent: the heap has none; see canister/write-map.ts). */
  heapWriteMap?: number;
  stablePages: string;
  settings: Record<string, string | string[]>;
}

export function metaOf(canister: Canister): CanisterMeta {
  const { controllers, logVisibility, ...numbers } = canister.settings;
  return {
    id: canister.id.toText(),
    status: canister.status,
    cycles: canister.cycles.toString(),
    certifiedData: Buffer.from(canister.certifiedData).toString('hex'),
    globalTimer: canister.globalTimer.toString(),
    version: canister.version.toString(),
    heapBytes: canister.runtime?.heapBytes ?? 0,
    heapWriteMap: canister.runtime?.writeMapOffset,
    stablePages: canister.stable.sizePages.toString(),
    settings: {
      controllers: controllers.map((controller) => controller.toText()),
      logVisibility,
      ...Object.fromEntries(Object.entries(numbers).map(([key, value]) => [key, value.toString()])),
    },
  };
}

/** Puts the scalar state from `meta` back onto a canister. */
export function applyMeta(canister: Canister, meta: CanisterMeta): void {
  canister.status = meta.status;
  canister.cycles = BigInt(meta.cycles);
  canister.certifiedData = Uint8Array.from(Buffer.from(meta.certifiedData, 'hex'));
  canister.globalTimer = BigInt(meta.globalTimer);
  canister.version = BigInt(meta.version);
  canister.stable.restoreSize(BigInt(meta.stablePages));
  canister.settings = settingsFrom(meta.settings);
}

export function settingsFrom(raw: Record<string, string | string[]>): CanisterSettings {
  const number = (key: string) => BigInt(raw[key] as string);
  return {
    controllers: (raw.controllers as string[]).map((text) => Principal.fromText(text)),
    computeAllocation: number('computeAllocation'),
    memoryAllocation: number('memoryAllocation'),
    freezingThreshold: number('freezingThreshold'),
    reservedCyclesLimit: number('reservedCyclesLimit'),
    wasmMemoryLimit: number('wasmMemoryLimit'),
    wasmMemoryThreshold: number('wasmMemoryThreshold'),
    logVisibility: raw.logVisibility as CanisterSettings['logVisibility'],
  };
}
