/** ai's fleet summary on the real wasm: counts, and the batteries that need attention first. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AiNet, okOf, START_MS } from './support/fixture';
import { packSeries } from './support/readings';

describe('ai fleet summary', () => {
  let t: AiNet;

  beforeAll(async () => {
    t = await AiNet.start();
    for (const token of [1n, 2n, 3n]) await t.registerDevice(`sum-${token}`, token);
  });
  afterAll(() => t?.stop());

  it('lists the batteries worst first: critical anomalies, then warnings, then the rest', async () => {
    const from = START_MS - 3_600_000;
    await t.ingest('sum-1', packSeries(from, 6, 10_000));
    await t.ingest('sum-2', packSeries(from, 6, 10_000, () => ({ cellMv: 3_760 })));
    await t.ingest('sum-3', packSeries(from, 6, 10_000, () => ({ cellMv: 3_900 })));
    await t.advance(1_000);

    const summary = okOf(await t.ai(t.fleetOperator).fleet_summary(10));
    expect(summary).toMatchObject({ batteries: 3, with_critical: 1, with_warning: 1, complete: true });
    expect(summary.worst.map((entry) => [entry.battery_token_id, entry.active_critical, entry.active_warning])).toEqual([
      [3n, 1, 0],
      [2n, 0, 1],
      [1n, 0, 0]
    ]);
    expect(okOf(await t.ai(t.technician).fleet_summary(1)).worst.map((entry) => entry.battery_token_id)).toEqual([3n]);
  });

  it('refuses strangers and a limit outside 1 to 100', async () => {
    expect(await t.ai(t.stranger).fleet_summary(10)).toMatchObject({ Err: { Unauthorized: {} } });
    expect(await t.ai(t.fleetOperator).fleet_summary(0)).toEqual({ Err: { InvalidArgument: { field: 'limit', reason: 'must be from 1 to 100' } } });
  });
});
