/**
 * The alerts canister on its real wasm: sources' signals become alerts (once per signal id, repeats folded,
 * clears resolving), routed by leasing's owner and lessee and by technician assignment to people's feeds, under
 * rules and mutes; people acknowledge and resolve them; strangers and other canisters are refused.
 */
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AlertsNet, NO_FILTER, okOf } from './support/fixture';

describe('alerts', () => {
  let t: AlertsNet;
  let token: bigint;

  beforeAll(async () => {
    t = await AlertsNet.start();
    token = await t.battery('ALR-1');
  });
  afterAll(() => t?.stop());

  it('takes signals only from its configured sources, and only the kinds each reports', async () => {
    const signal = t.signal({ battery_token_id: [token] });
    for (const caller of [Principal.anonymous(), t.ai.stranger.getPrincipal(), t.ai.fleetOperator.getPrincipal(), t.ids.profile!]) {
      expect(await t.alertsAs(caller).report_signals([signal])).toEqual({
        Err: { Unauthorized: { caller, required: { PeerCanister: null } } }
      });
    }
    const wrongKind = await t.alertsAs(t.ids.ai!).report_signals([t.signal({ kind: 'payment_late' })]);
    expect(wrongKind).toEqual({ Err: { InvalidArgument: { field: 'signals[0].kind', reason: expect.stringContaining('is not a kind ai reports') } } });
    const backwards = await t.alertsAs(t.ids.ai!).report_signals([t.signal(), t.signal({ evidence: { ...signal.evidence, from_ms: 5n, to_ms: 1n } })]);
    expect(backwards).toEqual({ Err: { InvalidArgument: { field: 'signals[1].evidence.from_ms', reason: 'must not be after evidence.to_ms' } } });
    // A refused call stores nothing, not even its valid signals.
    expect(okOf(await t.alerts(t.ai.admin).list_alerts(NO_FILTER, { cursor: [], limit: 10 })).total).toBe(0);
  });

  it('raises an alert once per signal id, folds repeats of an open alert and raises its severity', async () => {
    const first = t.signal({ battery_token_id: [token], signal_id: 'fold-1' });
    expect(await t.report(first)).toEqual({ accepted: 1, folded: 0, duplicates: 0 });
    expect(await t.report(first)).toEqual({ accepted: 0, folded: 0, duplicates: 1 });
    const repeat = t.signal({ battery_token_id: [token], severity: { critical: null }, evidence: { ...first.evidence, value: [72] } });
    expect(await t.report(repeat, t.signal({ battery_token_id: [token] }))).toEqual({ accepted: 0, folded: 2, duplicates: 0 });

    const [item] = (await t.feedOf(t.ai.fleetOperator)).items;
    expect(item!.alert).toMatchObject({ kind: 'over_temperature', source: 'ai', occurrences: 3, severity: { critical: null }, state: { active: null } });
    expect(item!.alert.evidence.value).toEqual([61.5]);
    expect(item!.alert.history.map((event) => Object.keys(event.action)[0])).toEqual(['raised', 'routed', 'escalated']);
  });

  it("routes a battery's alert to its owner, its lessee and its assigned technicians, and to no one else", async () => {
    const leased = await t.battery('ALR-LEASED');
    await t.leaseTo(leased, t.lessee);
    okOf(await t.alerts(t.ai.fleetOperator).assign_technician(leased, t.ai.technician.getPrincipal()));
    expect(await t.alerts(t.ai.stranger).assign_technician(leased, t.ai.technician.getPrincipal())).toMatchObject({ Err: { Unauthorized: {} } });
    expect(await t.alerts(t.ai.fleetOperator).assign_technician(leased, t.ai.stranger.getPrincipal())).toMatchObject({
      Err: { InvalidArgument: { field: 'technician' } }
    });

    await t.report(t.signal({ battery_token_id: [leased], kind: 'cell_imbalance' }));
    const [owners] = (await t.feedOf(t.ai.fleetOperator)).items;
    expect(owners!.alert).toMatchObject({ kind: 'cell_imbalance', battery_token_id: [leased], routed: true });
    const people = [t.ai.fleetOperator, t.lessee, t.ai.technician];
    expect(owners!.alert.recipients.map((p) => p.toText()).sort()).toEqual(people.map((p) => p.getPrincipal().toText()).sort());
    expect((await t.feedOf(t.lessee)).items.map((item) => item.alert.id)).toEqual([owners!.alert.id]);
    expect((await t.feedOf(t.ai.technician)).items.map((item) => item.alert.id)).toEqual([owners!.alert.id]);
    expect((await t.feedOf(t.ai.stranger)).items).toEqual([]);
    expect(await t.alerts(t.ai.stranger).get_alert(owners!.alert.id)).toMatchObject({ Err: { Unauthorized: {} } });
  });

  it('counts unread alerts and marks them read, only in the reader’s own feed', async () => {
    const feed = await t.feedOf(t.ai.fleetOperator);
    expect(feed.unread).toBe(feed.total);
    const newest = feed.items[0]!.alert.id;
    expect(okOf(await t.alerts(t.ai.fleetOperator).mark_read(BigUint64Array.of(newest)))).toBe(feed.total - 1);
    expect(await t.alerts(t.ai.fleetOperator).unread_count()).toBe(feed.total - 1);
    const unread = okOf(await t.alerts(t.ai.fleetOperator).my_feed({ ...NO_FILTER, unread_only: true }, { cursor: [], limit: 100 }));
    expect(unread.items.map((item) => item.alert.id)).not.toContain(newest);
    expect(await t.alerts(t.ai.stranger).mark_read(BigUint64Array.of(newest))).toMatchObject({ Err: { InvalidArgument: { field: 'ids' } } });
  });

  it('pages a feed newest first and filters it by severity, battery and state', async () => {
    const other = await t.battery('ALR-PAGES');
    for (const kind of ['over_voltage', 'under_voltage', 'over_current'] as const) {
      await t.report(t.signal({ battery_token_id: [other], kind, severity: kind === 'over_current' ? { critical: null } : { info: null } }));
    }
    const first = okOf(await t.alerts(t.ai.fleetOperator).my_feed({ ...NO_FILTER, battery_token_id: [other] }, { cursor: [], limit: 2 }));
    expect(first.items.map((item) => item.alert.kind)).toEqual(['over_current', 'under_voltage']);
    const second = okOf(await t.alerts(t.ai.fleetOperator).my_feed({ ...NO_FILTER, battery_token_id: [other] }, { cursor: first.next_cursor, limit: 2 }));
    expect(second.items.map((item) => item.alert.kind)).toEqual(['over_voltage']);
    const critical = okOf(await t.alerts(t.ai.fleetOperator).my_feed({ ...NO_FILTER, battery_token_id: [other], severity: [{ critical: null }] }, { cursor: [], limit: 10 }));
    expect(critical.items.map((item) => item.alert.kind)).toEqual(['over_current']);
    expect(await t.alerts(t.ai.fleetOperator).my_feed(NO_FILTER, { cursor: [], limit: 0 })).toMatchObject({ Err: { InvalidArgument: { field: 'limit' } } });
  });

  it('takes an alert from active to acknowledged to resolved, with who did what in its history', async () => {
    await t.report(t.signal({ battery_token_id: [token], kind: 'stuck_sensor' }));
    const alert = (await t.feedOf(t.ai.fleetOperator)).items[0]!.alert;
    expect(await t.alerts(t.ai.stranger).acknowledge(alert.id, [])).toMatchObject({ Err: { Unauthorized: {} } });
    const acknowledged = okOf(await t.alerts(t.ai.fleetOperator).acknowledge(alert.id, ['On my way.']));
    expect(acknowledged.state).toEqual({ acknowledged: null });
    expect(await t.alerts(t.ai.fleetOperator).acknowledge(alert.id, [])).toEqual({
      Err: { InvalidArgument: { field: 'alert_id', reason: `alert ${alert.id} is already acknowledged` } }
    });
    // A repeat while acknowledged still folds into it.
    expect(await t.report(t.signal({ battery_token_id: [token], kind: 'stuck_sensor' }))).toMatchObject({ folded: 1 });
    const resolved = okOf(await t.alerts(t.ai.fleetOperator).resolve(alert.id, ['Sensor replaced.']));
    expect(resolved.state).toEqual({ resolved: null });
    expect(resolved.history.slice(-2)).toEqual([
      expect.objectContaining({ action: { acknowledged: null }, by: [t.ai.fleetOperator.getPrincipal()], note: 'On my way.' }),
      expect.objectContaining({ action: { resolved: null }, by: [t.ai.fleetOperator.getPrincipal()], note: 'Sensor replaced.' })
    ]);
    // After resolution the same condition opens a new alert.
    expect(await t.report(t.signal({ battery_token_id: [token], kind: 'stuck_sensor' }))).toMatchObject({ accepted: 1 });
  });

  it('resolves an open alert when its source reports the condition cleared', async () => {
    await t.report(t.signal({ battery_token_id: [token], kind: 'fast_temperature_rise' }));
    const raised = (await t.feedOf(t.ai.fleetOperator)).items[0]!.alert;
    expect(await t.report(t.signal({ battery_token_id: [token], kind: 'fast_temperature_rise', state: { cleared: null } }))).toMatchObject({ folded: 1 });
    const cleared = okOf(await t.alerts(t.ai.fleetOperator).get_alert(raised.id));
    expect(cleared.state).toEqual({ resolved: null });
    expect(cleared.history.at(-1)).toMatchObject({ action: { cleared: null }, by: [] });
  });

  it('applies the most specific rule: a disabled kind, a threshold, a severity override', async () => {
    const ruled = await t.battery('ALR-RULES');
    const rule = { kind: 'over_current', enabled: false, severity: [] as [], threshold: [] as [] };
    expect(await t.alerts(t.ai.fleetOperator).set_rule({ default: null }, rule)).toMatchObject({ Err: { Unauthorized: {} } });
    okOf(await t.alerts(t.ai.admin).set_rule({ default: null }, rule));
    okOf(await t.alerts(t.ai.fleetOperator).set_rule({ battery: ruled }, { kind: 'over_temperature', enabled: true, severity: [{ critical: null }], threshold: [70] }));
    expect(await t.alerts(t.ai.stranger).set_rule({ battery: ruled }, rule)).toMatchObject({ Err: { Unauthorized: {} } });
    expect(await t.alerts(t.ai.admin).set_rule({ default: null }, { ...rule, kind: 'no_such_kind' })).toMatchObject({ Err: { InvalidArgument: { field: 'rule.kind' } } });

    const before = (await t.feedOf(t.ai.fleetOperator)).total;
    await t.report(
      t.signal({ battery_token_id: [ruled], kind: 'over_current' }),
      t.signal({ battery_token_id: [ruled], kind: 'over_temperature', evidence: { from_ms: 1n, to_ms: 2n, value: [65], threshold: [60], unit: 'C', detail: '65 C' } })
    );
    expect((await t.feedOf(t.ai.fleetOperator)).total).toBe(before);
    const kept = okOf(await t.alerts(t.ai.admin).list_alerts({ ...NO_FILTER, battery_token_id: [ruled] }, { cursor: [], limit: 10 })).items;
    expect(kept.map((item) => [item.alert.kind, item.alert.suppressed])).toEqual([['over_temperature', true], ['over_current', true]]);

    // Above the battery rule's threshold, the alert reaches people at the rule's severity; another battery
    // keeps the source's severity.
    const hot = { from_ms: 1n, to_ms: 2n, value: [80] as [number], threshold: [60] as [number], unit: 'C', detail: '80 C' };
    const other = await t.battery('ALR-RULES-2');
    await t.report(t.signal({ battery_token_id: [ruled], kind: 'over_temperature', subject_id: ['hot'], evidence: hot }));
    await t.report(t.signal({ battery_token_id: [other], kind: 'over_temperature', evidence: hot }));
    const [otherAlert, ruledAlert] = (await t.feedOf(t.ai.fleetOperator)).items.map((item) => item.alert);
    expect([ruledAlert!.battery_token_id, ruledAlert!.severity]).toEqual([[ruled], { critical: null }]);
    expect([otherAlert!.battery_token_id, otherAlert!.severity]).toEqual([[other], { warning: null }]);
    okOf(await t.alerts(t.ai.admin).remove_rule({ default: null }, 'over_current'));
    expect(okOf(await t.alerts(t.ai.admin).list_rules({ battery: ruled }))).toEqual([expect.objectContaining({ kind: 'over_temperature', threshold: [70] })]);
  });

  it('keeps a muted battery or kind out of a person’s feed', async () => {
    const muted = await t.battery('ALR-MUTED');
    okOf(await t.alerts(t.ai.fleetOperator).mute({ battery: muted }));
    okOf(await t.alerts(t.ai.fleetOperator).mute({ kind: 'missing_data' }));
    expect(await t.alerts(t.ai.fleetOperator).my_mutes()).toEqual([{ battery: muted }, { kind: 'missing_data' }]);
    const before = (await t.feedOf(t.ai.fleetOperator)).total;
    await t.report(t.signal({ battery_token_id: [muted] }), t.signal({ battery_token_id: [token], kind: 'missing_data' }));
    expect((await t.feedOf(t.ai.fleetOperator)).total).toBe(before);
    okOf(await t.alerts(t.ai.fleetOperator).unmute({ battery: muted }));
    await t.report(t.signal({ battery_token_id: [muted], kind: 'over_voltage' }));
    expect((await t.feedOf(t.ai.fleetOperator)).total).toBe(before + 1);
  });

  it('refuses every update method to the anonymous caller', async () => {
    const anonymous = t.alertsAs(Principal.anonymous());
    const refusals = [
      await anonymous.mark_read(BigUint64Array.of(1n)),
      await anonymous.acknowledge(1n, []),
      await anonymous.resolve(1n, []),
      await anonymous.set_rule({ default: null }, { kind: 'over_voltage', enabled: true, severity: [], threshold: [] }),
      await anonymous.remove_rule({ default: null }, 'over_voltage'),
      await anonymous.assign_technician(1n, Ed25519KeyIdentity.generate().getPrincipal()),
      await anonymous.unassign_technician(1n, Ed25519KeyIdentity.generate().getPrincipal()),
      await anonymous.add_webhook({ url: 'https://example.com/hook', format: { json: null }, min_severity: { info: null } }),
      await anonymous.remove_webhook(1),
      await anonymous.set_delivery_settings({ quiet_hours: [], max_per_hour: 10 }),
      await anonymous.mute({ kind: 'over_voltage' }),
      await anonymous.unmute({ kind: 'over_voltage' }),
      await anonymous.report_signals([]),
      await anonymous.roles_sync([])
    ];
    for (const refusal of refusals) {
      expect(refusal).toMatchObject({ Err: { Unauthorized: { caller: Principal.anonymous() } } });
    }
  });
});
