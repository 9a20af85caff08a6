import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { LocalNet, RejectCode } from 'localnet';
import { installProbe, installTicker, type ProbeService, type TickerService } from '../support/test-canisters.js';

const SECOND_NS = 1_000_000_000n;

describe('timers, heartbeats and inspect_message under controlled time', () => {
  let net: LocalNet;
  let probe: ProbeService;

  beforeAll(async () => {
    net = await LocalNet.create({ clock: 'manual' });
    ({ probe } = await installProbe(net));
  });
  afterAll(() => net.stop());

  it('fires a timer once its time has come, not before', async () => {
    const scheduledAt = await probe.schedule(60, 'minute');

    await net.advanceTime(59_000);
    expect(await probe.get('timer:minute')).toEqual([]);

    await net.advanceTime(1_000);
    const [fired] = await probe.get('timer:minute');
    expect(fired).toBeDefined();
    const [recordedSchedule, firedAt] = fired!.split(':').map(BigInt);
    expect(recordedSchedule).toBe(scheduledAt);
    expect(firedAt! - scheduledAt).toBe(60n * SECOND_NS);
  });

  it('fires several timers in order of their deadlines', async () => {
    await probe.schedule(30, 'late');
    await probe.schedule(10, 'early');

    await net.advanceTime(15_000);
    expect(await probe.get('timer:early')).not.toEqual([]);
    expect(await probe.get('timer:late')).toEqual([]);

    await net.advanceTime(15_000);
    expect(await probe.get('timer:late')).not.toEqual([]);
  });

  it('runs heartbeats as time passes', async () => {
    const { ticker } = await installTicker(net);
    const before = await ticker.heartbeats();
    for (let second = 0; second < 3; second++) await net.advanceTime(1_000);
    expect(await ticker.heartbeats()).toBe(before + 3);
  });

  it('lets inspect_message refuse an ingress message before it runs', async () => {
    const { id, ticker }: { id: import('@dfinity/principal').Principal; ticker: TickerService } = await installTicker(net);
    expect(await ticker.allowed()).toBe(1);
    await expect(ticker.forbidden()).rejects.toMatchObject({ rejectCode: RejectCode.CanisterReject });
    expect(await ticker.allowed()).toBe(2);
    // The raw in-process API takes the same ingress path as an actor.
    await expect(net.updateCall(id, 'forbidden', new Uint8Array(IDL.encode([], [])))).rejects.toThrow(/rejected the message/);
  });
});
