import { candidCodec, KeyValueStore, OrderedKey, StableCell } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { AI_MEMORY } from '../memory';
import { Anomaly, AnomalyIdl } from './anomaly';
import { ANOMALY_KINDS, AnomalyKind } from './finding';

/**
 * Every anomaly ever raised, by id (1, 2, ... in the order raised); each battery's anomalies by their position
 * in that battery's list (positions 0, 1, ... so a battery's page is read by key, never by scanning others);
 * and the active anomaly of each (battery, kind).
 */
export class AnomalyStore {
  private readonly anomalies = new StableBTreeMap<bigint, Anomaly>(AI_MEMORY.anomalies, OrderedKey.u64, candidCodec(AnomalyIdl));
  private readonly byBattery = new StableBTreeMap<[bigint, number], bigint>(
    AI_MEMORY.batteryAnomalies,
    OrderedKey.tuple(OrderedKey.u64, OrderedKey.u32),
    OrderedKey.u64
  );
  private readonly active = new StableBTreeMap<[bigint, number], bigint>(
    AI_MEMORY.activeAnomalies,
    OrderedKey.tuple(OrderedKey.u64, OrderedKey.u8),
    OrderedKey.u64
  );
  private readonly lastId: StableCell<bigint>;

  constructor(meta: KeyValueStore<string, Uint8Array>) {
    this.lastId = new StableCell(meta, 'ai.anomalies.last_id', OrderedKey.u64);
  }

  /** Stores a new anomaly as the `position`-th of its battery and as its battery's active one of its kind. */
  add(make: (id: bigint) => Anomaly, position: number): Anomaly {
    const id = this.lastId.getOr(0n) + 1n;
    this.lastId.set(id);
    const anomaly = make(id);
    this.anomalies.insert(id, anomaly);
    this.byBattery.insert([anomaly.battery_token_id, position], id);
    this.active.insert([anomaly.battery_token_id, kindIndex(anomaly.kind)], id);
    return anomaly;
  }

  /** Replaces a stored anomaly; one no longer active leaves the active index. */
  update(anomaly: Anomaly): void {
    this.anomalies.insert(anomaly.id, anomaly);
    if (!anomaly.active) {
      this.active.remove([anomaly.battery_token_id, kindIndex(anomaly.kind)]);
    }
  }

  /** The active anomaly of `kind` for a battery. */
  activeOf(tokenId: bigint, kind: AnomalyKind): Anomaly | undefined {
    const id = this.active.get([tokenId, ANOMALY_KINDS.indexOf(kind)]);
    return id === undefined ? undefined : this.anomalies.get(id);
  }

  get(id: bigint): Anomaly | undefined {
    return this.anomalies.get(id);
  }

  /** The id of a battery's `position`-th anomaly. */
  idAt(tokenId: bigint, position: number): bigint | undefined {
    return this.byBattery.get([tokenId, position]);
  }

  /** The newest anomaly id (0 when none). */
  newestId(): bigint {
    return this.lastId.getOr(0n);
  }

  count(): number {
    return this.anomalies.len();
  }

  activeCount(): number {
    return this.active.len();
  }
}

function kindIndex(kind: string): number {
  const index = (ANOMALY_KINDS as readonly string[]).indexOf(kind);
  if (index < 0) {
    throw new Error(`unknown anomaly kind ${kind}`);
  }
  return index;
}
