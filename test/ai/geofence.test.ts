/**
 * Geofences on the real wasm: a fleet's geofences (its owner per leasing) hold its batteries; a battery's latest
 * GPS fix outside all of them raises geofence_exit with the distance, and coming back clears it; a battery's own
 * geofences take precedence; only admins and the owner may set them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AiNet, okOf, START_MS } from './support/fixture';
import { packSeries } from './support/readings';

const DEPOT = { latitude: 52.52, longitude: 13.405 };
/** About 2.2 km north of the depot. */
const AWAY = { latitude: 52.54, longitude: 13.405 };

describe('ai geofences', () => {
  let t: AiNet;
  let token: bigint;
  let next = START_MS - 6 * 3_600_000;

  async function report(gps: { latitude: number; longitude: number }, minutes = 1): Promise<void> {
    await t.ingest('geo-1', packSeries(next, minutes * 6, 10_000, () => ({ gps })));
    next += minutes * 60_000;
    await t.advance(1_000);
  }

  beforeAll(async () => {
    t = await AiNet.start({ leasing: true });
    token = await t.registerBattery('GEO-1', 5_000, 0);
    await t.registerDevice('geo-1', token);
    await report(DEPOT); // ai meets the battery and learns its owner from leasing
  });
  afterAll(() => t?.stop());

  it('lets the fleet owner set the fleet’s geofences, and refuses others', async () => {
    const depot = { name: 'Depot', ...DEPOT, radius_m: 500 };
    expect(await t.ai(t.stranger).set_geofences({ fleet: t.fleetOperator.getPrincipal() }, [depot])).toMatchObject({ Err: { Unauthorized: {} } });
    expect(await t.ai(t.technician).set_geofences({ fleet: t.fleetOperator.getPrincipal() }, [depot])).toMatchObject({ Err: { Unauthorized: {} } });
    expect(await t.ai(t.fleetOperator).set_geofences({ fleet: t.fleetOperator.getPrincipal() }, [{ ...depot, latitude: 95 }])).toEqual({
      Err: { InvalidArgument: { field: 'geofences[0].latitude', reason: 'must be from -90 to 90 degrees' } }
    });
    okOf(await t.ai(t.fleetOperator).set_geofences({ fleet: t.fleetOperator.getPrincipal() }, [depot]));
    expect(okOf(await t.ai(t.technician).list_geofences({ fleet: t.fleetOperator.getPrincipal() }))).toEqual([depot]);
  });

  it('raises geofence_exit when the battery leaves, with how far out it is, and clears it when it is back', async () => {
    await report(DEPOT);
    expect(await t.anomaliesOf(token, { kind: 'geofence_exit' })).toEqual([]);
    await report(AWAY);
    const [exit] = await t.anomaliesOf(token, { kind: 'geofence_exit' });
    expect(exit).toMatchObject({ active: true, severity: { warning: null } });
    expect(exit!.evidence.unit).toBe('m');
    expect(exit!.evidence.value[0]).toBeGreaterThan(1_500);
    expect(exit!.evidence.detail).toMatch(/^The battery is \d+ m outside its geofences \(Depot\)/);

    await report(DEPOT, 15);
    const [cleared] = await t.anomaliesOf(token, { kind: 'geofence_exit' });
    expect(cleared!.active).toBe(false);
  });

  it("holds a battery to its own geofences before its fleet's", async () => {
    okOf(await t.ai(t.fleetOperator).set_geofences({ battery: token }, [{ name: 'Customer site', ...AWAY, radius_m: 300 }]));
    await report(AWAY);
    expect((await t.anomaliesOf(token, { kind: 'geofence_exit', activeOnly: true })).length).toBe(0);
    await report(DEPOT);
    expect((await t.anomaliesOf(token, { kind: 'geofence_exit', activeOnly: true })).length).toBe(1);
  });
});
