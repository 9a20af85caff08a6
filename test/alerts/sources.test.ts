/**
 * telemetry's and leasing's own events reach people through alerts, each through its source's stable signal
 * outbox: a device suspended, its batches refused, a device gone silent; rent unpaid, a lease defaulted.
 */
import { ledgerIdlFactory, type LedgerService } from '@chargex/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { START_MS } from '../ai/support/fixture';
import { packSeries } from '../ai/support/readings';
import { account } from '../leasing/support/fixture';
import { AlertsNet, okOf, type Alert } from './support/fixture';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('telemetry and leasing as sources of alerts', () => {
  let t: AlertsNet;

  beforeAll(async () => {
    t = await AlertsNet.start();
  });
  afterAll(() => t?.stop());

  async function newestOf(kind: string): Promise<Alert | undefined> {
    return (await t.feedOf(t.ai.fleetOperator)).items.map((item) => item.alert).find((alert) => alert.kind === kind);
  }

  it('raises device_suspended and batch_refused, and resolves the suspension when the device is active again', async () => {
    const token = await t.battery('SRC-DEV-1');
    await t.ai.registerDevice('src-dev-1', token);
    okOf(await t.ai.telemetry(t.ai.fleetOperator).set_device_status('src-dev-1', { Suspended: null }));
    await t.net.advanceTime(1_000);
    const suspended = await newestOf('device_suspended');
    expect(suspended).toMatchObject({ source: 'telemetry', device_id: ['src-dev-1'], battery_token_id: [token], state: { active: null } });

    const outcomes = okOf(await t.ai.telemetry(t.ai.relayer).ingest([{ device_id: 'src-dev-1', sequence: 1n, timestamp_ms: BigInt(START_MS), readings: packSeries(START_MS - MINUTE, 2, 10_000) }]));
    expect(outcomes[0]).toHaveProperty('Refused');
    await t.net.advanceTime(1_000);
    expect(await newestOf('batch_refused')).toMatchObject({ device_id: ['src-dev-1'], evidence: { detail: "Device src-dev-1's batch 1 was refused (DeviceNotActive)." } });

    okOf(await t.ai.telemetry(t.ai.fleetOperator).set_device_status('src-dev-1', { Active: null }));
    await t.net.advanceTime(1_000);
    expect(okOf(await t.alerts(t.ai.fleetOperator).get_alert(suspended!.id)).state).toEqual({ resolved: null });
  });

  it('raises device_offline once a reporting device is silent for three intervals (at least five minutes), and clears it when it reports', async () => {
    const token = await t.battery('SRC-DEV-2');
    await t.ai.registerDevice('src-dev-2', token);
    await t.ai.ingest('src-dev-2', packSeries(START_MS - 2 * MINUTE, 6, 10_000));
    await t.net.advanceTime(4 * MINUTE);
    expect(await newestOf('device_offline')).toBeUndefined();
    await t.net.advanceTime(7 * MINUTE);
    const offline = await newestOf('device_offline');
    expect(offline).toMatchObject({ source: 'telemetry', device_id: ['src-dev-2'], state: { active: null } });

    await t.ai.ingest('src-dev-2', packSeries(START_MS + 10 * MINUTE, 6, 10_000));
    await t.net.advanceTime(1_000);
    expect(okOf(await t.alerts(t.ai.fleetOperator).get_alert(offline!.id)).state).toEqual({ resolved: null });
  });

  it('raises payment_late when rent is not paid, then lease_default after the grace period, to owner and lessee', async () => {
    const token = await t.battery('SRC-LEASE-1');
    await t.leaseTo(token, t.lessee);
    // The lessee withdraws the allowance: the next rent charge fails.
    const ledger = t.net.createActor<LedgerService>(ledgerIdlFactory, t.ids.ledger!, { identity: t.lessee });
    const approval = { spender: account(t.ids.leasing!), amount: 0n, from_subaccount: [], expected_allowance: [], expires_at: [], fee: [], memo: [], created_at_time: [] };
    okOf(await ledger.icrc2_approve(approval as Parameters<LedgerService['icrc2_approve']>[0]));
    await t.net.advanceTime(7 * DAY + MINUTE);
    const late = await newestOf('payment_late');
    expect(late).toMatchObject({ source: 'leasing', battery_token_id: [token], subject_id: [expect.stringMatching(/^lease-\d+$/)], severity: { warning: null } });
    expect((await t.feedOf(t.lessee)).items.map((item) => item.alert.kind)).toContain('payment_late');

    await t.net.advanceTime(4 * DAY);
    expect(await newestOf('lease_default')).toMatchObject({ severity: { critical: null }, battery_token_id: [token] });
    expect(okOf(await t.alerts(t.ai.fleetOperator).get_alert(late!.id)).state).toEqual({ resolved: null });
  });
});
