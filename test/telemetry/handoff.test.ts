/**
 * The hand-off to `ai` on the real wasm: one `ingest_features` call per ingest call with per-battery summaries
 * of what that call stored (checked against a recomputation), decoded by a stub with the shared candid; and a
 * refusing stub, an ai that cannot be reached or no ai at all never lose or refuse telemetry; the real ai takes them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { batch, reading, registration, series } from './support/builders';
import { TelemetryNet } from './support/fixture';
import { expectSameMetrics, quantize, summarize } from './support/reference';

type Result<T> = { Ok: T } | { Err: unknown };

function okOf<T>(result: Result<T>): T {
  if (!('Ok' in result)) {
    throw new Error(`expected Ok, got ${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  }
  return result.Ok;
}

async function registerPacks(t: TelemetryNet): Promise<void> {
  okOf(await t.telemetry(t.fleetOperator).register_device(registration('hand-1', 1n, t.owner.getPrincipal())));
  okOf(await t.telemetry(t.fleetOperator).register_device(registration('hand-2', 2n, t.owner.getPrincipal())));
}

const nowMs = (t: TelemetryNet) => Number(t.net.now() / 1_000_000n);

describe('telemetry hand-off to ai', () => {
  describe('with an ai that records what it receives', () => {
    let t: TelemetryNet;
    beforeAll(async () => {
      t = await TelemetryNet.start({ ai: 'stub' });
      await registerPacks(t);
    });
    afterAll(() => t?.stop());

    it('sends one call per ingest, one summary per battery of what that call stored', async () => {
      const at = nowMs(t) - 600_000;
      const first = series(at, 20);
      const second = [...series(at + 200_000, 10), reading(at + 300_000, { soc: 120 })];
      const other = series(at + 5_000, 7);
      const outcomes = okOf(await t.telemetry(t.relayer).ingest([batch('hand-1', 1, first), batch('hand-2', 1, other), batch('hand-1', 2, second)]));
      expect(outcomes.every((outcome) => 'Stored' in outcome)).toBe(true);

      const calls = await t.aiStub().received_calls();
      expect(calls).toHaveLength(1);
      expect(calls[0]!.caller).toEqual(t.ids.telemetry);
      const features = calls[0]!.features;
      expect(features.map((f) => [f.battery_token_id, f.device_id, f.readings])).toEqual([
        [1n, 'hand-1', 30],
        [2n, 'hand-2', 7]
      ]);
      const stored1 = [...first, ...second.slice(0, 10)].map(quantize);
      const expected = summarize(stored1);
      expect([features[0]!.from_ms, features[0]!.to_ms]).toEqual([BigInt(at), BigInt(at + 200_000 + 90_000)]);
      expectSameMetrics(features[0]!.metrics, expected.metrics, expect);
      expectSameMetrics(features[1]!.metrics, summarize(other.map(quantize)).metrics, expect);
      expect(await t.count('ai_handoffs_ok')).toBe(1n);
    });

    it('sends nothing for a call that stored nothing new', async () => {
      okOf(await t.telemetry(t.relayer).ingest([batch('hand-1', 1, series(nowMs(t) - 600_000, 20))]));
      expect(await t.aiStub().received_calls()).toHaveLength(1);
      expect(await t.count('ai_handoffs_ok')).toBe(1n);
    });

    it('counts a refusal and keeps the telemetry', async () => {
      await t.aiStub().set_refusing(true);
      const [outcome] = okOf(await t.telemetry(t.relayer).ingest([batch('hand-2', 2, series(nowMs(t) - 100_000, 5))]));
      expect(outcome).toMatchObject({ Stored: { accepted: 5 } });
      expect(await t.count('ai_handoffs_failed')).toBe(1n);
      expect(await t.count('readings_stored')).toBe(42n);
    });

    it('counts an ai that cannot be reached and keeps the telemetry', async () => {
      await t.stopCanister(t.ids.ai!);
      const [outcome] = okOf(await t.telemetry(t.relayer).ingest([batch('hand-2', 3, series(nowMs(t) - 50_000, 4))]));
      expect(outcome).toMatchObject({ Stored: { accepted: 4 } });
      expect(await t.count('ai_handoffs_failed')).toBe(2n);
      expect(await t.count('readings_stored')).toBe(46n);
    });
  });

  describe('with the real ai canister', () => {
    let t: TelemetryNet;
    beforeAll(async () => {
      t = await TelemetryNet.start({ ai: 'real' });
      await registerPacks(t);
    });
    afterAll(() => t?.stop());

    it('stores the telemetry and hands it over', async () => {
      const [outcome] = okOf(await t.telemetry(t.relayer).ingest([batch('hand-1', 1, series(nowMs(t) - 100_000, 6))]));
      expect(outcome).toMatchObject({ Stored: { accepted: 6, duplicate: false } });
      expect([await t.count('ai_handoffs_ok'), await t.count('ai_handoffs_failed'), await t.count('readings_stored')]).toEqual([1n, 0n, 6n]);
    });
  });

  describe('without ai configured', () => {
    let t: TelemetryNet;
    beforeAll(async () => {
      t = await TelemetryNet.start({ ai: 'none' });
      await registerPacks(t);
    });
    afterAll(() => t?.stop());

    it('stores the telemetry and attempts no hand-off', async () => {
      const [outcome] = okOf(await t.telemetry(t.relayer).ingest([batch('hand-1', 1, series(nowMs(t) - 100_000, 6))]));
      expect(outcome).toMatchObject({ Stored: { accepted: 6 } });
      expect([await t.count('ai_handoffs_ok'), await t.count('ai_handoffs_failed')]).toEqual([0n, 0n]);
    });
  });
});
