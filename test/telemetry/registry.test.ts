/**
 * The device registry on the real wasm: who may register, change, suspend and read devices; argument checks with
 * the field at fault; paged listings (all devices, one owner's); and the versioned key feed the bridge caches.
 */
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Device, DeviceKeysPage, DeviceUpdate } from '../../packages/client/src/declarations/telemetry/telemetry.did.js';
import { batch, reading, registration } from './support/builders';
import { TelemetryNet } from './support/fixture';

type Result<T> = { Ok: T } | { Err: unknown };

function okOf<T>(result: Result<T>): T {
  if (!('Ok' in result)) {
    throw new Error(`expected Ok, got ${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  }
  return result.Ok;
}

const invalid = (field: string) => ({ Err: { InvalidArgument: expect.objectContaining({ field }) } });
const page = (limit: number, cursor?: bigint) => ({ limit, cursor: cursor === undefined ? ([] as []) : ([cursor] as [bigint]) });
const secp256k1Key = (prefix: number, length: number) => Uint8Array.from({ length }, (_, i) => (i === 0 ? prefix : i));

describe('telemetry device registry', () => {
  let t: TelemetryNet;
  const fleet = () => t.telemetry(t.fleetOperator);
  const needsFleetOperator = (caller: Principal) => ({ Err: { Unauthorized: { caller, required: { Role: { fleet_operator: null } } } } });

  beforeAll(async () => {
    t = await TelemetryNet.start();
  });
  afterAll(() => t?.stop());

  describe('registration', () => {
    it('is for fleet operators, admins and controllers', async () => {
      const registered = okOf(await fleet().register_device(registration('reg-1', 1n, t.owner.getPrincipal())));
      expect(registered).toMatchObject({
        device_id: 'reg-1',
        battery_token_id: 1n,
        owner: t.owner.getPrincipal(),
        status: { Active: null },
        last_sequence: [],
        version: 1n,
        registered_at: t.net.now()
      });
      okOf(await t.telemetry(t.admin).register_device(registration('reg-2', 2n, t.owner.getPrincipal())));
      okOf(await t.telemetry().register_device(registration('reg-3', 3n, t.otherOwner.getPrincipal())));
      for (const identity of [t.relayer, t.owner, t.stranger]) {
        expect(await t.telemetry(identity).register_device(registration('reg-x', 9n, t.owner.getPrincipal()))).toEqual(
          needsFleetOperator(identity.getPrincipal())
        );
      }
      const anonymous = Principal.anonymous();
      expect(await t.telemetryAnonymous(anonymous).register_device(registration('reg-x', 9n, t.owner.getPrincipal()))).toEqual({
        Err: { Unauthorized: { caller: anonymous, required: { Authenticated: null } } }
      });
    });

    it('refuses a taken device id', async () => {
      expect(await fleet().register_device(registration('reg-1', 5n, t.owner.getPrincipal()))).toEqual({
        Err: { AlreadyExists: { kind: 'device', id: 'reg-1' } }
      });
    });

    it('checks every field, naming the one at fault', async () => {
      const owner = t.owner.getPrincipal();
      const cases: Array<[Parameters<typeof registration>[3] & object, string, string?]> = [
        [{ key: { public_key: new Uint8Array(31), algorithm: { Ed25519: null } } }, 'key.public_key'],
        [{ key: { public_key: secp256k1Key(2, 32), algorithm: { Secp256k1: null } } }, 'key.public_key'],
        [{ key: { public_key: secp256k1Key(4, 33), algorithm: { Secp256k1: null } } }, 'key.public_key'],
        [{ key: { public_key: secp256k1Key(2, 65), algorithm: { Secp256k1: null } } }, 'key.public_key'],
        [{ battery_token_id: 1n << 128n }, 'battery_token_id'],
        [{ owner: Principal.anonymous() }, 'owner'],
        [{ firmware_version: '' }, 'firmware_version'],
        [{ firmware_version: 'v 1' }, 'firmware_version'],
        [{ reporting_interval_s: 0 }, 'reporting_interval_s'],
        [{ reporting_interval_s: 86_401 }, 'reporting_interval_s']
      ];
      for (const [overrides, field] of cases) {
        expect(await fleet().register_device(registration('reg-bad', 4n, owner, overrides))).toEqual(invalid(field));
      }
      for (const id of ['', 'a'.repeat(65), 'has space', 'ümlaut']) {
        expect(await fleet().register_device(registration(id, 4n, owner))).toEqual(invalid('device_id'));
      }
      okOf(await fleet().register_device(registration('reg-k1', 4n, owner, { key: { public_key: secp256k1Key(3, 33), algorithm: { Secp256k1: null } } })));
      okOf(await fleet().register_device(registration('reg-k2', 5n, owner, { key: { public_key: secp256k1Key(4, 65), algorithm: { Secp256k1: null } } })));
      expect(await fleet().get_device('reg-bad')).toEqual({ Err: { NotFound: { kind: 'device', id: 'reg-bad' } } });
    });
  });

  describe('changes', () => {
    it('rotates a key, moves a device to another battery and owner, and bumps its version each time', async () => {
      const before = okOf(await fleet().get_device('reg-2'));
      const key = { public_key: new Uint8Array(32).fill(7), algorithm: { Ed25519: null } };
      const rotated = okOf(
        await fleet().update_device('reg-2', { key: [key], battery_token_id: [], owner: [], chemistry: [], firmware_version: ['1.5.0'], reporting_interval_s: [] })
      );
      expect(rotated).toMatchObject({ key, firmware_version: '1.5.0', registered_at: before.registered_at });
      expect(rotated.version).toBeGreaterThan(before.version);

      const moved = okOf(
        await fleet().update_device('reg-2', {
          key: [],
          battery_token_id: [20n],
          owner: [t.otherOwner.getPrincipal()],
          chemistry: [{ NMC: null }],
          firmware_version: [],
          reporting_interval_s: [30]
        })
      );
      expect(moved).toMatchObject({ key, battery_token_id: 20n, owner: t.otherOwner.getPrincipal(), chemistry: { NMC: null }, reporting_interval_s: 30 });
      expect(moved.version).toBe(rotated.version + 1n);
      const owned = (who: Principal) => t.telemetry(t.admin).list_devices([who], page(100));
      expect(okOf(await owned(t.owner.getPrincipal())).devices.map((d) => d.device_id)).toEqual(['reg-1', 'reg-k2', 'reg-k1']);
      expect(okOf(await owned(t.otherOwner.getPrincipal())).devices.map((d) => d.device_id)).toEqual(['reg-3', 'reg-2']);
    });

    it('refuses bad updates and updates from others', async () => {
      const none: DeviceUpdate = { key: [], battery_token_id: [], owner: [], chemistry: [], firmware_version: [], reporting_interval_s: [] };
      expect(await fleet().update_device('reg-1', { ...none, reporting_interval_s: [0] })).toEqual(invalid('reporting_interval_s'));
      expect(await fleet().update_device('reg-1', { ...none, owner: [Principal.anonymous()] })).toEqual(invalid('owner'));
      expect(await fleet().update_device('nobody', none)).toEqual({ Err: { NotFound: { kind: 'device', id: 'nobody' } } });
      expect(await t.telemetry(t.owner).update_device('reg-1', none)).toEqual(needsFleetOperator(t.owner.getPrincipal()));
      expect(await t.telemetry(t.relayer).set_device_status('reg-1', { Suspended: null })).toEqual(needsFleetOperator(t.relayer.getPrincipal()));
    });

    it('suspends and reactivates; retiring is final', async () => {
      const relayer = t.telemetry(t.relayer);
      const at = Number(t.net.now() / 1_000_000n) - 1_000;
      expect(okOf(await fleet().set_device_status('reg-1', { Suspended: null })).status).toEqual({ Suspended: null });
      expect(okOf(await relayer.ingest([batch('reg-1', 1, [reading(at)])]))[0]).toMatchObject({ Refused: { error: { DeviceNotActive: {} } } });
      okOf(await fleet().set_device_status('reg-1', { Active: null }));
      expect(okOf(await relayer.ingest([batch('reg-1', 1, [reading(at)])]))[0]).toMatchObject({ Stored: { accepted: 1 } });
      expect(okOf(await fleet().get_device('reg-1')).last_sequence).toEqual([1n]);

      okOf(await fleet().set_device_status('reg-3', { Retired: null }));
      const final = { Err: { InvalidArgument: { field: 'device_id', reason: 'the device is retired; retiring is final' } } };
      expect(await fleet().set_device_status('reg-3', { Active: null })).toEqual(final);
      expect(await fleet().update_device('reg-3', { key: [], battery_token_id: [], owner: [], chemistry: [], firmware_version: ['2.0'], reporting_interval_s: [] })).toEqual(final);
      expect(okOf(await relayer.ingest([batch('reg-3', 1, [reading(at)])]))[0]).toMatchObject({ Refused: { error: { DeviceNotActive: { status: { Retired: null } } } } });
    });
  });

  describe('reading the registry', () => {
    it('shows a device to fleet managers, relayers and its owner only', async () => {
      for (const identity of [t.fleetOperator, t.admin, t.relayer, t.owner]) {
        expect(okOf(await t.telemetry(identity).get_device('reg-1')).device_id).toBe('reg-1');
      }
      for (const identity of [t.otherOwner, t.stranger]) {
        expect(await t.telemetry(identity).get_device('reg-1')).toEqual(needsFleetOperator(identity.getPrincipal()));
      }
    });

    it('lists all devices a page at a time for fleet managers, and owners their own', async () => {
      const first = okOf(await fleet().list_devices([], page(2)));
      const second = okOf(await fleet().list_devices([], page(2, first.next_cursor[0])));
      const third = okOf(await fleet().list_devices([], page(2, second.next_cursor[0])));
      expect([...first.devices, ...second.devices, ...third.devices].map((d) => d.device_id)).toEqual(['reg-1', 'reg-2', 'reg-3', 'reg-k1', 'reg-k2']);
      expect(third.next_cursor).toEqual([]);
      expect(okOf(await t.telemetry(t.owner).list_devices([t.owner.getPrincipal()], page(10))).devices).toHaveLength(3);
      expect(await t.telemetry(t.owner).list_devices([], page(10))).toEqual(needsFleetOperator(t.owner.getPrincipal()));
      expect(await t.telemetry(t.stranger).list_devices([t.owner.getPrincipal()], page(10))).toEqual(needsFleetOperator(t.stranger.getPrincipal()));
      expect(await fleet().list_devices([], page(0))).toEqual(invalid('limit'));
      expect(await fleet().list_devices([], page(101))).toEqual(invalid('limit'));
    });

    it('feeds the bridge every device changed since a version, each once at its newest version', async () => {
      const relayer = t.telemetry(t.relayer);
      const all: DeviceKeysPage = okOf(await relayer.device_keys_since(0n, 100));
      expect(all.next_version).toBe(all.head_version);
      expect(all.entries.map((e) => e.device_id).sort()).toEqual(['reg-1', 'reg-2', 'reg-3', 'reg-k1', 'reg-k2']);
      const versions = all.entries.map((e) => e.version);
      expect([...versions].sort((a, b) => (a < b ? -1 : 1))).toEqual(versions);
      const devices = await Promise.all(all.entries.map(async (e) => okOf(await fleet().get_device(e.device_id)) as Device));
      expect(all.entries).toEqual(
        devices.map((d) => ({ device_id: d.device_id, key: d.key, status: d.status, battery_token_id: d.battery_token_id, version: d.version }))
      );

      const head = all.head_version;
      expect(okOf(await relayer.device_keys_since(head, 100))).toEqual({ entries: [], next_version: head, head_version: head });
      okOf(await fleet().set_device_status('reg-k1', { Suspended: null }));
      const changed = okOf(await relayer.device_keys_since(head, 100));
      expect(changed.entries).toEqual([expect.objectContaining({ device_id: 'reg-k1', status: { Suspended: null }, version: head + 1n })]);

      const firstPage = okOf(await relayer.device_keys_since(0n, 2));
      expect(firstPage.entries).toHaveLength(2);
      const rest = okOf(await relayer.device_keys_since(firstPage.next_version, 100));
      expect([...firstPage.entries, ...rest.entries].map((e) => e.device_id).sort()).toEqual(['reg-1', 'reg-2', 'reg-3', 'reg-k1', 'reg-k2']);
      expect(await t.telemetry(t.owner).device_keys_since(0n, 10)).toEqual(needsFleetOperator(t.owner.getPrincipal()));
    });
  });
});
