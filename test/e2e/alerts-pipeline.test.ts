/**
 * A fault injected by the simulator reaches the right people's feeds, end to end on a real-clock localnet served
 * over HTTP: a virtual monitor signs its batches and posts them over HTTPS to the bridge, the bridge relays them
 * with @dfinity/agent to telemetry, telemetry hands them to ai, ai signals alerts, and alerts routes the alert to
 * the battery's owner (asked of leasing) and its assigned technician; a healthy battery raises nothing.
 */
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { alertsIdlFactory, type AlertsService, leasingIdlFactory, type LeasingService, profileIdlFactory, type ProfileService } from '@chargex/client';
import { Fleet, HttpsSender } from '@chargex/bridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestBridge } from '../bridge/support/bridge-under-test.js';
import { eventually, httpGet } from '../bridge/support/ops.js';
import { TelemetryStack } from '../bridge/support/telemetry-stack.js';
import { registration } from '../leasing/support/fixture.js';

const NO_FILTER = { severity: [], battery_token_id: [], state: [], unread_only: false } as { severity: []; battery_token_id: []; state: []; unread_only: boolean };

function okOf<T>(result: { Ok: T } | { Err: unknown }): T {
  if ('Err' in result) throw new Error(JSON.stringify(result.Err, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
  return result.Ok;
}

describe('simulator -> bridge -> telemetry -> ai -> alerts', () => {
  let stack: TelemetryStack;

  beforeAll(async () => {
    stack = await TelemetryStack.start({ canisters: ['profile', 'ledger', 'leasing', 'telemetry', 'ai', 'alerts'] });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("puts an overheating pack's alert in its owner's and technician's feeds, and nothing for a healthy pack", async () => {
    const profile = stack.actor<ProfileService>(profileIdlFactory, 'profile');
    const technician = Ed25519KeyIdentity.generate();
    okOf(await profile.grant_role(stack.controller, { fleet_operator: null }));
    okOf(await profile.grant_role(technician.getPrincipal(), { technician: null }));

    const fleet = new Fleet({ devices: 2, prefix: 'alerting', batchSize: 5, seed: 41 });
    const [hot] = fleet.monitors;
    hot!.inject('overheating');
    const leasing = stack.actor<LeasingService>(leasingIdlFactory, 'leasing');
    const tokens: bigint[] = [];
    for (const monitor of fleet.monitors) {
      const token = okOf(await leasing.register_battery(registration(`E2E-${monitor.deviceId}`))).token_id;
      await stack.registerDevice(monitor.deviceId, monitor.publicKey, token);
      tokens.push(token);
    }
    const alerts = stack.actor<AlertsService>(alertsIdlFactory, 'alerts');
    okOf(await alerts.assign_technician(tokens[0]!, technician.getPrincipal()));

    const { bridge } = await startTestBridge(stack, { mqtt: { enabled: false } });
    const sender = new HttpsSender(bridge.endpoints.ingestUrl!, bridge.endpoints.tlsCertificate);
    try {
      await eventually(async () => (await httpGet(`${bridge.endpoints.opsUrl}/readyz`)).status === 200, 30_000, 'a ready bridge');
      // Each batch (five readings) is relayed and handed to ai before the next: ai judges the temperature's rise
      // between hand-offs, which a single hand-off of everything would not show.
      const start = Date.now() - 20_000;
      for (let i = 0; i < 20; i++) {
        fleet.sample(start + i * 1_000, 180);
        await fleet.deliver(sender);
        if ((i + 1) % 5 === 0) {
          const expected = BigInt(fleet.monitors.length * ((i + 1) / 5));
          await eventually(async () => (await stack.count('batches_stored')) >= expected, 30_000, `${expected} batches stored`);
        }
      }
      expect(fleet.logs.get(hot!.deviceId)!.refused).toEqual([]);

      const feed = await eventually(async () => {
        const page = okOf(await alerts.my_feed(NO_FILTER, { cursor: [], limit: 100 }));
        return page.items.length > 0 && page;
      }, 90_000, "an alert in the owner's feed");
      const kinds = new Set(feed.items.map((item) => item.alert.kind));
      expect([...kinds].some((kind) => kind === 'fast_temperature_rise' || kind === 'over_temperature')).toBe(true);
      for (const item of feed.items) {
        expect(item.alert).toMatchObject({ source: 'ai', battery_token_id: [tokens[0]], device_id: [hot!.deviceId], routed: true, suppressed: false });
      }
      const technicianFeed = okOf(await stack.actorAs<AlertsService>(alertsIdlFactory, 'alerts', technician).my_feed(NO_FILTER, { cursor: [], limit: 100 }));
      expect(technicianFeed.items.map((item) => item.alert.id)).toEqual(feed.items.map((item) => item.alert.id));
    } finally {
      await sender.close();
      await bridge.stop();
    }
  });
});
