/**
 * Model versions on the real wasm: the built-in version 1, uploads (checked), activation, predictions that
 * record the version they used, rollback; and every update method refusing callers who may not call it.
 */
import { AnonymousIdentity } from '@dfinity/agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AiNet, type ModelParams, okOf, START_MS } from './support/fixture';
import { packSeries } from './support/readings';

const DATA_START = START_MS - 86_400_000;

describe('ai model versions', () => {
  let t: AiNet;
  let v1: ModelParams;

  beforeAll(async () => {
    t = await AiNet.start();
    for (const token of [1n, 2n, 3n]) {
      await t.registerDevice(`model-${token}`, token);
    }
    v1 = (await t.ai().active_model()).params;
  });
  afterAll(() => t?.stop());

  it('starts with the built-in version 1 in use', async () => {
    const models = await t.ai(t.stranger).list_models();
    expect(models).toMatchObject([{ version: 1, label: 'builtin LiFePO4', active: true }]);
    expect(models[0]!.uploaded_by).toEqual(t.net.controller.getPrincipal());
    expect(v1.over_temperature_dc).toEqual({ warning: 550, critical: 650 });
    expect(okOf(await t.ai().get_model(1)).params).toEqual(v1);
  });

  it('refuses parameter sets that cannot be right, naming the field', async () => {
    const upload = (params: Partial<ModelParams>) => t.ai(t.admin).upload_model({ label: 'bad', params: { ...v1, ...params }, activate: true });
    expect(await upload({ over_temperature_dc: { warning: 600, critical: 500 } })).toEqual({
      Err: { InvalidArgument: { field: 'over_temperature_dc', reason: 'the critical level must lie above the warning level or equal it' } }
    });
    expect(await upload({ cell_under_voltage_mv: { warning: 2_000, critical: 2_500 } })).toMatchObject({ Err: { InvalidArgument: { field: 'cell_under_voltage_mv' } } });
    expect(await upload({ missing_after_s: 1 })).toMatchObject({ Err: { InvalidArgument: { field: 'missing_after_s' } } });
    expect(await upload({ estimate_gain: Number.NaN })).toMatchObject({ Err: { InvalidArgument: { field: 'estimate_gain' } } });
    expect(await upload({ ocv_curve: [{ soc: 0, cell_mv: 3_000 }, { soc: 0.5, cell_mv: 2_900 }] })).toMatchObject({ Err: { InvalidArgument: { field: 'ocv_curve' } } });
    expect(await t.ai(t.admin).upload_model({ label: ' ', params: v1, activate: false })).toMatchObject({ Err: { InvalidArgument: { field: 'label' } } });
    expect(await t.ai().list_models()).toHaveLength(1);
  });

  it('uses an uploaded version from the next hand-off and records it in every anomaly', async () => {
    const strict = { ...v1, over_temperature_dc: { warning: 300, critical: 400 } };
    const info = okOf(await t.ai(t.admin).upload_model({ label: 'strict heat', params: strict, activate: true }));
    expect(info).toMatchObject({ version: 2, label: 'strict heat', active: true });
    expect(info.uploaded_by).toEqual(t.admin.getPrincipal());
    expect((await t.ai().active_model()).version).toBe(2);

    await t.ingest('model-1', packSeries(DATA_START, 12, 10_000, () => ({ temperatureC: 32 })));
    const [hot] = await t.anomaliesOf(1n);
    expect(hot).toMatchObject({ kind: 'over_temperature', model_version: 'v2', evidence: { threshold: [300] } });
    expect(okOf(await t.ai(t.admin).battery_health(1n)).model_version).toBe('v2');
  });

  it('rolls back to the version used before, and predictions follow it', async () => {
    expect(okOf(await t.ai(t.admin).rollback_model())).toMatchObject({ version: 1, active: true });
    expect((await t.ai().list_models()).map((model) => [model.version, model.active])).toEqual([
      [2, false],
      [1, true]
    ]);
    await t.ingest('model-2', packSeries(DATA_START, 12, 10_000, () => ({ temperatureC: 32 })));
    expect(await t.anomaliesOf(2n)).toEqual([]);
    expect(okOf(await t.ai(t.admin).battery_health(2n)).model_version).toBe('v1');
    expect(await t.ai(t.admin).rollback_model()).toEqual({ Err: { InvalidArgument: { field: 'rollback', reason: 'no earlier activation is remembered to return to' } } });
  });

  it('activates a stored version by number', async () => {
    expect(await t.ai(t.admin).activate_model(1)).toEqual({ Err: { AlreadyExists: { kind: 'active model version', id: '1' } } });
    expect(await t.ai(t.admin).activate_model(7)).toEqual({ Err: { NotFound: { kind: 'model version', id: '7' } } });
    expect(okOf(await t.ai(t.admin).activate_model(2))).toMatchObject({ version: 2, active: true });
    await t.ingest('model-3', packSeries(DATA_START, 12, 10_000, () => ({ temperatureC: 32 })));
    expect((await t.anomaliesOf(3n)).map((anomaly) => anomaly.model_version)).toEqual(['v2']);
    // An upload kept for later does not change what is in use.
    expect(okOf(await t.ai(t.admin).upload_model({ label: 'later', params: v1, activate: false }))).toMatchObject({ version: 3, active: false });
    expect((await t.ai().active_model()).version).toBe(2);
  });

  it('refuses every update method to callers without the right', async () => {
    const anonymous = new AnonymousIdentity().getPrincipal();
    const notAdmin = [t.aiAs(anonymous), t.ai(t.fleetOperator), t.ai(t.stranger), t.aiAs(t.ids.telemetry!)];
    for (const ai of notAdmin) {
      for (const reply of [await ai.upload_model({ label: 'x', params: v1, activate: true }), await ai.activate_model(1), await ai.rollback_model()]) {
        expect(reply).toHaveProperty('Err.Unauthorized');
      }
    }
    const anonymousReply = await t.aiAs(anonymous).rollback_model();
    expect(anonymousReply).toEqual({ Err: { Unauthorized: { caller: anonymous, required: { Authenticated: null } } } });
    expect(await t.ai(t.fleetOperator).rollback_model()).toEqual({
      Err: { Unauthorized: { caller: t.fleetOperator.getPrincipal(), required: { Role: { admin: null } } } }
    });

    // Only the configured telemetry canister hands over features; admins and other canisters may not.
    for (const caller of [t.ai(t.admin), t.ai(t.relayer), t.aiAs(t.ids.profile!), t.ai()]) {
      const reply = await caller.ingest_features([]);
      expect(reply).toMatchObject({ Err: { Unauthorized: { required: { PeerCanister: null } } } });
    }
    expect(await t.aiAs(anonymous).ingest_features([])).toEqual({ Err: { Unauthorized: { caller: anonymous, required: { Authenticated: null } } } });
    expect(await t.aiAs(anonymous).roles_sync([])).toHaveProperty('Err.Unauthorized');
    expect(await t.ai(t.admin).roles_sync([])).toEqual({ Err: { Unauthorized: { caller: t.admin.getPrincipal(), required: { ProfileCanister: null } } } });

    // Reading health and anomalies takes a fleet role.
    expect(await t.ai(t.stranger).battery_health(1n)).toEqual({
      Err: { Unauthorized: { caller: t.stranger.getPrincipal(), required: { Role: { fleet_operator: null } } } }
    });
    expect(await t.ai(t.relayer).list_anomalies({ battery_token_id: [], kind: [], active_only: false, critical_only: false }, { cursor: [], limit: 5 })).toHaveProperty('Err.Unauthorized');
    expect(await t.ai(t.technician).battery_health(1n)).toHaveProperty('Ok');
  });

  it('refuses malformed hand-offs from telemetry as a whole, naming the record and field', async () => {
    const telemetry = t.aiAs(t.ids.telemetry!);
    const metric = { min: 10n, max: 20n, mean: 15, last: 12n };
    const record = {
      battery_token_id: 9n,
      device_id: 'model-9',
      from_ms: 1_000n,
      to_ms: 2_000n,
      readings: 2,
      metrics: { pack_voltage_mv: metric, cell_min_mv: metric, cell_max_mv: metric, current_ca: metric, temperature_max_dc: metric, soc_permille: metric },
      position: [] as []
    };
    expect(await telemetry.ingest_features([record, { ...record, from_ms: 3_000n }])).toEqual({
      Err: { InvalidArgument: { field: 'features[1].from_ms', reason: 'must not lie after to_ms' } }
    });
    expect(await telemetry.ingest_features([{ ...record, readings: 0 }])).toMatchObject({ Err: { InvalidArgument: { field: 'features[0].readings' } } });
    expect(await telemetry.ingest_features([{ ...record, device_id: '' }])).toMatchObject({ Err: { InvalidArgument: { field: 'features[0].device_id' } } });
    expect(await telemetry.ingest_features([{ ...record, position: [{ latitude: 91, longitude: 0 }] }])).toMatchObject({ Err: { InvalidArgument: { field: 'features[0].position' } } });
    expect(await telemetry.ingest_features([{ ...record, metrics: { ...record.metrics, current_ca: { ...metric, mean: 30 } } }])).toMatchObject({
      Err: { InvalidArgument: { field: 'features[0].metrics.current_ca' } }
    });
    expect(await telemetry.ingest_features([{ ...record, battery_token_id: 1n << 64n }])).toMatchObject({ Err: { InvalidArgument: { field: 'features[0].battery_token_id' } } });
    expect(await t.ai(t.admin).battery_health(9n)).toEqual({ Err: { NotFound: { kind: 'battery', id: '9' } } });
    expect(await telemetry.ingest_features([record])).toEqual({ Ok: 1 });
  });
});
