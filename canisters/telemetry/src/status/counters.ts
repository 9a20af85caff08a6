import { candidCodec, metaStore, StableCell } from '@chargex/common';
import { IDL } from 'azle';

import { TELEMETRY_CELLS } from '../memory';

/** The running totals reported in `status().counts`. */
export const COUNTER_NAMES = [
  'readings_stored',
  'readings_rejected',
  'batches_stored',
  'batches_duplicate',
  'batches_refused',
  'chunk_bytes',
  'ai_handoffs_ok',
  'ai_handoffs_failed',
  'retention_sweeps',
  'chunks_dropped',
  'rollups_dropped',
  'batches_forgotten'
] as const;

export type CounterName = (typeof COUNTER_NAMES)[number];

/** Changes to apply to the counters. */
export type CounterDeltas = Partial<Record<CounterName, number>>;

/**
 * Totals kept as one stable value (a `vec record { text; nat64 }`, so counters can be added later) and written
 * once per message with every change of that message.
 */
export class Counters {
  private readonly cell = new StableCell<Array<[string, bigint]>>(
    metaStore(),
    TELEMETRY_CELLS.counters,
    candidCodec(IDL.Vec(IDL.Tuple(IDL.Text, IDL.Nat64)))
  );

  /** Applies `deltas` (a negative delta lowers a total, never below zero). */
  apply(deltas: CounterDeltas): void {
    const totals = this.read();
    for (const [name, delta] of Object.entries(deltas)) {
      const next = (totals.get(name) ?? 0n) + BigInt(delta);
      totals.set(name, next > 0n ? next : 0n);
    }
    this.cell.set([...totals]);
  }

  /** Every counter by name (zero for those never changed). */
  snapshot(): Record<CounterName, bigint> {
    const totals = this.read();
    return Object.fromEntries(COUNTER_NAMES.map((name) => [name, totals.get(name) ?? 0n])) as Record<CounterName, bigint>;
  }

  private read(): Map<string, bigint> {
    return new Map(this.cell.getOr([]));
  }
}
