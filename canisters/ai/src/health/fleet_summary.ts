import { named } from '@chargex/common';
import { IDL } from 'azle';

import { isCritical } from '../anomaly/anomaly';
import { AnomalyStore } from '../anomaly/anomaly_store';
import { ANOMALY_KINDS, kindBit } from '../anomaly/finding';
import { BatteryStore } from '../battery/battery_store';
import { ModelParams } from '../model/model_params';
import { healthEstimate } from './battery_health';

/** One battery in the fleet summary: how urgent it is and how much life it has left. */
export interface FleetEntry {
  battery_token_id: bigint;
  device_id: string;
  active_critical: number;
  active_warning: number;
  state_of_health: [] | [number];
  remaining_cycles: [] | [number];
  last_seen_ms: bigint;
}

/** The fleet at a glance: counts, mean state of health, and the batteries worst first. */
export interface FleetSummary {
  batteries: number;
  with_critical: number;
  with_warning: number;
  mean_state_of_health: [] | [number];
  /** Worst first: most critical anomalies, then most warnings, then lowest state of health. */
  worst: FleetEntry[];
  /** Whether every battery was looked at (false past MAX_SCANNED: the summary covers the first ones by token). */
  complete: boolean;
}

const FleetEntryIdl = named(
  'FleetEntry',
  IDL.Record({
    battery_token_id: IDL.Nat,
    device_id: IDL.Text,
    active_critical: IDL.Nat32,
    active_warning: IDL.Nat32,
    state_of_health: IDL.Opt(IDL.Float64),
    remaining_cycles: IDL.Opt(IDL.Float64),
    last_seen_ms: IDL.Nat64
  })
);

/** Candid type of FleetSummary. */
export const FleetSummaryIdl = named(
  'FleetSummary',
  IDL.Record({
    batteries: IDL.Nat32,
    with_critical: IDL.Nat32,
    with_warning: IDL.Nat32,
    mean_state_of_health: IDL.Opt(IDL.Float64),
    worst: IDL.Vec(FleetEntryIdl),
    complete: IDL.Bool
  })
);

/** Most batteries one summary reads, so the query stays inside the 5B-instruction limit. */
const MAX_SCANNED = 2_000;
const PAGE = 200;

/** Reads every battery's state once (active anomalies through its bit mask, so a quiet battery costs one read). */
export function fleetSummary(batteries: BatteryStore, anomalies: AnomalyStore, model: ModelParams, limit: number): FleetSummary {
  const entries: FleetEntry[] = [];
  for (let start = 0; start < Math.min(batteries.count(), MAX_SCANNED); start += PAGE) {
    for (const tokenId of batteries.tokenIds(start, Math.min(PAGE, MAX_SCANNED - start))) {
      const state = batteries.get(tokenId)!;
      const active = ANOMALY_KINDS.filter((kind) => (state.activeMask & kindBit(kind)) !== 0).flatMap((kind) => anomalies.activeOf(tokenId, kind) ?? []);
      const critical = active.filter((anomaly) => isCritical(anomaly.severity)).length;
      const health = healthEstimate(state, model);
      entries.push({
        battery_token_id: tokenId,
        device_id: state.deviceId,
        active_critical: critical,
        active_warning: active.length - critical,
        state_of_health: health.state_of_health,
        remaining_cycles: health.remaining_life[0] === undefined ? [] : [health.remaining_life[0].cycles],
        last_seen_ms: BigInt(state.lastSeenMs)
      });
    }
  }
  const healths = entries.flatMap((entry) => entry.state_of_health);
  entries.sort(worstFirst);
  return {
    batteries: entries.length,
    with_critical: entries.filter((entry) => entry.active_critical > 0).length,
    with_warning: entries.filter((entry) => entry.active_warning > 0).length,
    mean_state_of_health: healths.length === 0 ? [] : [healths.reduce((sum, value) => sum + value, 0) / healths.length],
    worst: entries.slice(0, limit),
    complete: batteries.count() <= MAX_SCANNED
  };
}

function worstFirst(a: FleetEntry, b: FleetEntry): number {
  return b.active_critical - a.active_critical || b.active_warning - a.active_warning || (a.state_of_health[0] ?? 2) - (b.state_of_health[0] ?? 2);
}
