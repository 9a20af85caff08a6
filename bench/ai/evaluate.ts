/**
 * Evaluates a model on fleets the fit never saw, through the canister's own code path: the fitted parameters are
 * uploaded as a model version to the real ai wasm on localnet, and simulated packs (healthy ones of every age,
 * and faulty ones) are fed through telemetry into it. The figures compare what ai reports with the simulator's
 * truth: state-of-health error, remaining-life error at half life, and per fault precision, recall and delay.
 */
import type { Fault } from '@chargex/bridge';

import type { ModelParams } from '../../canisters/ai/src/model/model_params.js';
import { AiNet, type Anomaly, okOf } from '../../test/ai/support/fixture.js';
import { runFleet, SimulatedBattery } from '../../test/ai/support/simulated_fleet.js';

/** Seeds of the evaluation fleets (the training fleets use others). */
export const EVALUATION_SEED = 5_000;
const READINGS = 36 * 60;
const MINUTE_MS = 60_000;
/** The simulator's fade law, for the true remaining life: 20 % of capacity over 1,000 cycles. */
const TRUE_FADE_PER_CYCLE = 0.0002;
/** Half life: half way from new to the end of life at 80 %, which the simulator reaches at 500 cycles. */
const HALF_LIFE_CYCLES = 500;
const HEALTHY_AGES = [0, 150, 300, HALF_LIFE_CYCLES, HALF_LIFE_CYCLES, HALF_LIFE_CYCLES, 700];
const FAULTS_EVALUATED: readonly Fault[] = ['overheating', 'stuck_sensor', 'cell_imbalance', 'dropout'];
const PACKS_PER_FAULT = 3;
/** How long the faults that end last, in readings: an uplink outage, a cooling failure put right. */
const DROPOUT_READINGS = 40;
const OVERHEATING_READINGS = 150;

/** The anomaly kinds that count as detecting each fault. */
export const KINDS_OF_FAULT: Record<string, readonly string[]> = {
  overheating: ['fast_temperature_rise', 'baseline_deviation', 'over_temperature'],
  stuck_sensor: ['stuck_sensor'],
  cell_imbalance: ['cell_imbalance'],
  dropout: ['missing_data']
};

/** Per fault: precision of its anomaly kinds, recall over its packs, detection delay in readings. */
export interface FaultFigures {
  packs: number;
  detected: number;
  precision: number;
  recall: number;
  delay_readings_mean: number;
  delay_readings_max: number;
}

export interface EvaluationFigures {
  packs: number;
  readings_per_pack: number;
  soh_mae_points: number;
  soh_max_error_points: number;
  rul_error_at_half_life_mean: number;
  rul_error_at_half_life_max: number;
  rul_interval_holds_truth: number;
  faults: Record<string, FaultFigures>;
  anomalies_on_healthy_packs: number;
}

interface FaultyPack {
  battery: SimulatedBattery;
  fault: Fault;
  injectAt: number;
}

/** Runs the evaluation fleets through the wasm with `params` uploaded and active; returns the figures. */
export async function evaluateModel(params: ModelParams): Promise<EvaluationFigures> {
  const t = await AiNet.start();
  try {
    okOf(await t.ai(t.admin).upload_model({ label: 'fitted on simulated training fleets', params, activate: true }));
    let token = 1n;
    const healthy = HEALTHY_AGES.map((cycles, i) => SimulatedBattery.create(`eval-ok-${i}`, token++, EVALUATION_SEED + i, cycles));
    const faulty: FaultyPack[] = FAULTS_EVALUATED.flatMap((fault, f) =>
      Array.from({ length: PACKS_PER_FAULT }, (_, k) => ({
        battery: SimulatedBattery.create(`eval-${fault}-${k}`, token++, EVALUATION_SEED + 100 + f * 10 + k, 100 + 200 * k),
        fault,
        injectAt: 180 + 150 * k + 37 * f
      }))
    );
    const all = [...healthy, ...faulty.map((pack) => pack.battery)];
    for (const battery of all) {
      await t.registerDevice(battery.deviceId, battery.tokenId);
    }
    const startMs = t.nowMs();
    await runFleet(t, all, { readings: READINGS, beforeSample: (i) => applyFaults(faulty, i) });
    await t.advance(1_000);
    const anomalies = await allAnomalies(t);
    const healths = new Map<bigint, Awaited<ReturnType<typeof health>>>();
    for (const battery of all) {
      healths.set(battery.tokenId, await health(t, battery.tokenId));
    }

    const sohErrors = all.flatMap((battery) => {
      const estimate = healths.get(battery.tokenId)!.health.state_of_health[0];
      return estimate === undefined ? [] : [Math.abs(estimate - battery.trueStateOfHealth()) * 100];
    });
    const halfLife = healthy.filter((battery) => Math.abs(battery.trueCycles() - HALF_LIFE_CYCLES) < 50);
    const rul = halfLife.map((battery) => {
      const life = healths.get(battery.tokenId)!.health.remaining_life[0]!;
      const truth = (battery.trueStateOfHealth() - 0.8) / TRUE_FADE_PER_CYCLE;
      return { error: Math.abs(life.cycles - truth) / truth, holds: life.cycles_low <= truth && truth <= (life.cycles_high[0] ?? Infinity) };
    });
    const healthyIds = new Set(healthy.map((battery) => battery.tokenId));
    return {
      packs: all.length,
      readings_per_pack: READINGS,
      soh_mae_points: mean(sohErrors),
      soh_max_error_points: Math.max(...sohErrors),
      rul_error_at_half_life_mean: mean(rul.map((entry) => entry.error)),
      rul_error_at_half_life_max: Math.max(...rul.map((entry) => entry.error)),
      rul_interval_holds_truth: rul.filter((entry) => entry.holds).length / rul.length,
      faults: Object.fromEntries(FAULTS_EVALUATED.map((fault) => [fault, faultFigures(fault, faulty, anomalies, startMs)])),
      anomalies_on_healthy_packs: anomalies.filter((anomaly) => healthyIds.has(anomaly.battery_token_id)).length
    };
  } finally {
    await t.stop();
  }
}

function applyFaults(faulty: FaultyPack[], reading: number): void {
  for (const { battery, fault, injectAt } of faulty) {
    if (reading === injectAt) {
      battery.monitor.inject(fault);
    }
    const endsAfter = fault === 'dropout' ? DROPOUT_READINGS : fault === 'overheating' ? OVERHEATING_READINGS : undefined;
    if (endsAfter !== undefined && reading === injectAt + endsAfter) {
      battery.monitor.clear(fault);
    }
  }
}

/**
 * A fault's anomalies are true when raised on a pack with that fault after it began; precision is their share
 * of every anomaly of the fault's kinds. A pack counts as detected by its first true anomaly; the delay is from
 * the fault's start to the hand-off that raised it (the replica's clock follows the devices').
 */
function faultFigures(fault: Fault, faulty: FaultyPack[], anomalies: Anomaly[], startMs: number): FaultFigures {
  const kinds = KINDS_OF_FAULT[fault]!;
  const ofKinds = anomalies.filter((anomaly) => kinds.includes(anomaly.kind));
  const packs = faulty.filter((pack) => pack.fault === fault);
  const injectedMs = (pack: FaultyPack) => startMs + pack.injectAt * MINUTE_MS;
  const raisedMs = (anomaly: Anomaly) => Number(anomaly.raised_at_ns / 1_000_000n);
  const isTrue = (anomaly: Anomaly) => packs.some((pack) => pack.battery.tokenId === anomaly.battery_token_id && raisedMs(anomaly) >= injectedMs(pack));
  const delays = packs.flatMap((pack) => {
    const hits = ofKinds.filter((anomaly) => anomaly.battery_token_id === pack.battery.tokenId && raisedMs(anomaly) >= injectedMs(pack));
    return hits.length === 0 ? [] : [(Math.min(...hits.map(raisedMs)) - injectedMs(pack)) / MINUTE_MS];
  });
  return {
    packs: packs.length,
    detected: delays.length,
    precision: ofKinds.length === 0 ? Number.NaN : ofKinds.filter(isTrue).length / ofKinds.length,
    recall: delays.length / packs.length,
    delay_readings_mean: mean(delays),
    delay_readings_max: Math.max(...delays)
  };
}

async function health(t: AiNet, tokenId: bigint) {
  return okOf(await t.ai(t.admin).battery_health(tokenId));
}

async function allAnomalies(t: AiNet): Promise<Anomaly[]> {
  const anomalies: Anomaly[] = [];
  let cursor: [] | [bigint] = [];
  do {
    const page: { anomalies: Anomaly[]; next_cursor: [] | [bigint] } = okOf(
      await t.ai(t.admin).list_anomalies({ battery_token_id: [], kind: [], active_only: false, critical_only: false }, { cursor, limit: 100 })
    );
    anomalies.push(...page.anomalies);
    cursor = page.next_cursor;
  } while (cursor.length > 0);
  return anomalies;
}

function mean(values: number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}
