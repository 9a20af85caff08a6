/**
 * ai benchmark: what telemetry's hand-off costs ai per battery summarised, and what its dashboard queries cost
 * (one battery's health, the fleet summary, a page of anomalies), each against a trivial query of the same
 * canister in the same run. localnet does not meter instructions yet, so cost is wall time per call here.
 */
import { AiNet, okOf, START_MS } from '../test/ai/support/fixture.js';
import { packSeries } from '../test/ai/support/readings.js';
import { report, timeCalls } from './report.js';

const BATTERIES = 50;
const HAND_OFFS = 20;
const QUERIES = 100;

export async function benchAi(): Promise<void> {
  const t = await AiNet.start();
  try {
    for (let i = 1; i <= BATTERIES; i++) await t.registerDevice(`bench-ai-${i}`, BigInt(i));
    const trivialMs = await timeCalls(QUERIES, async () => {
      await t.ai(t.fleetOperator).active_model();
    });

    // Each call carries ten readings of each of ten batteries, so ai gets ten summaries per hand-off.
    let from = START_MS - 24 * 3_600_000;
    const handOffMs = await timeCalls(HAND_OFFS, async (round) => {
      const perDevice = new Map<string, ReturnType<typeof packSeries>>();
      for (let k = 0; k < 10; k++) perDevice.set(`bench-ai-${((round * 10 + k) % BATTERIES) + 1}`, packSeries(from, 10, 10_000));
      from += 100_000;
      await t.ingestCall(perDevice);
    });
    report('ai: ms per battery summary handed off (telemetry ingest included)', handOffMs / 10, 'trivial query (ms)', trivialMs);

    const healthMs = await timeCalls(QUERIES, async (i) => {
      okOf(await t.ai(t.fleetOperator).battery_health(BigInt((i % BATTERIES) + 1)));
    });
    report('ai: ms per battery_health query', healthMs, 'trivial query (ms)', trivialMs);
    const summaryMs = await timeCalls(QUERIES / 10, async () => {
      okOf(await t.ai(t.fleetOperator).fleet_summary(20));
    });
    report(`ai: ms per fleet_summary query (${BATTERIES} batteries)`, summaryMs, 'trivial query (ms)', trivialMs);
    const anomaliesMs = await timeCalls(QUERIES, async () => {
      okOf(await t.ai(t.fleetOperator).list_anomalies({ battery_token_id: [], kind: [], active_only: false, critical_only: false }, { cursor: [], limit: 50 }));
    });
    report('ai: ms per list_anomalies page of 50', anomaliesMs, 'trivial query (ms)', trivialMs);
  } finally {
    await t.stop();
  }
}
