/**
 * ai never loses an anomaly on its way to alerts: signals wait in a stable outbox while alerts refuses, is
 * stopped, or ai is upgraded, and arrive once each (one call per batch) when alerts takes them again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AiNet, okOf, START_MS } from './support/fixture';
import { packSeries } from './support/readings';

const DATA_START = START_MS - 2 * 86_400_000;

describe('ai signal outbox', () => {
  let t: AiNet;
  let next = DATA_START;
  /** One over-voltage episode for `device`: raises an anomaly, then ten quiet minutes clear it. */
  async function episode(device: string): Promise<void> {
    await t.ingest(device, packSeries(next, 6, 10_000, () => ({ cellMv: 3_760 })));
    await t.ingest(device, packSeries(next + 60_000, 70, 10_000), 10);
    next += 760_000;
  }

  beforeAll(async () => {
    t = await AiNet.start();
    for (const token of [1n, 2n, 3n]) {
      await t.registerDevice(`out-${token}`, token);
    }
  });
  afterAll(() => t?.stop());

  it('keeps signals while alerts refuses them and retries until alerts takes them', async () => {
    await t.alerts().set_refusing(true);
    await episode('out-1');
    await t.advance(1_000);
    const refused = okOf(await t.ai(t.admin).signal_outbox());
    expect(refused).toMatchObject({ pending: 2, sent: 0n, failed_calls: 1n });
    expect(refused.last_error[0]).toMatch(/^alerts refused the signals: .*refusing on purpose/);
    expect(await t.alerts().received()).toEqual([]);

    // The backoff doubles from 5 s: a retry at 5 s, then 10 s later.
    await t.advance(5_000);
    expect(okOf(await t.ai(t.admin).signal_outbox()).failed_calls).toBe(2n);
    await t.alerts().set_refusing(false);
    await t.advance(10_000);
    const received = await t.alerts().received();
    expect(received.map((entry) => entry.signal.signal_id)).toEqual([expect.stringMatching(/^ai-anomaly-\d+$/), expect.stringMatching(/^ai-anomaly-\d+-cleared$/)]);
    expect(okOf(await t.ai(t.admin).signal_outbox())).toMatchObject({ pending: 0, sent: 2n });
    expect(await t.alerts().call_count()).toBe(3);
  });

  it('keeps signals while alerts is stopped, sending everything pending in one call once it runs', async () => {
    await t.setRunning(t.ids.alerts!, false);
    await episode('out-2');
    await episode('out-3');
    await t.advance(1_000);
    const stopped = okOf(await t.ai(t.admin).signal_outbox());
    expect(stopped.pending).toBe(4);
    expect(stopped.last_error[0]).toMatch(/^report_signals failed: /);
    await t.setRunning(t.ids.alerts!, true);
    const calls = await t.alerts().call_count();
    await t.advance(5_000);
    expect(await t.alerts().call_count()).toBe(calls + 1);
    expect((await t.alerts().received()).map((entry) => entry.signal.battery_token_id[0])).toEqual([1n, 1n, 2n, 2n, 3n, 3n]);
  });

  it('keeps pending signals across an upgrade and sends them after it', async () => {
    await t.alerts().set_refusing(true);
    await episode('out-1');
    await t.advance(1_000);
    expect(okOf(await t.ai(t.admin).signal_outbox()).pending).toBe(2);
    await t.upgradeAi();
    expect(okOf(await t.ai(t.admin).signal_outbox()).pending).toBe(2);
    await t.alerts().set_refusing(false);
    await t.advance(1_000);
    expect(okOf(await t.ai(t.admin).signal_outbox()).pending).toBe(0);
    const ids = (await t.alerts().received()).map((entry) => entry.signal.signal_id);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
  });

  it('shows the outbox to admins only', async () => {
    expect(await t.ai(t.fleetOperator).signal_outbox()).toEqual({
      Err: { Unauthorized: { caller: t.fleetOperator.getPrincipal(), required: { Role: { admin: null } } } }
    });
  });
});
