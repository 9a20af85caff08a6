/**
 * The profile canister on its real wasm in localnet: caller checks, argument validation with typed errors, the
 * happy paths, paged listings, and role replication into peer canisters (push, retry after an outage, pull at
 * start, recovery of a peer that lost its replica).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import {
  aiIdlFactory,
  type AiService,
  ledgerIdlFactory,
  type LedgerService,
  profileIdlFactory,
  profileInit,
  type ProfileService,
  telemetryIdlFactory,
  type TelemetryService,
} from '@chargex/client';
import { deployDfxProject, LocalNet, MANAGEMENT_CANISTER_ID, type DeployedCanisters } from 'localnet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PEER_NAMES = ['profile', 'leasing', 'telemetry', 'ai', 'alerts', 'trust', 'energy', 'ledger'] as const;

type Result<T> = { Ok: T } | { Err: unknown };

/** A canister's wasm as `npm run build` left it. */
const builtWasm = (name: string): Uint8Array => new Uint8Array(readFileSync(join(ROOT, '.azle', name, `${name}.wasm`)));

/** The `opt CanisterConfig` init argument naming the given canisters. */
function configArg(ids: DeployedCanisters): Uint8Array {
  const config = Object.fromEntries(PEER_NAMES.map((name) => [name, ids[name] ? [ids[name]] : []]));
  return new Uint8Array(IDL.encode(profileInit({ IDL }), [[config]]));
}

function okOf<T>(result: Result<T>): T {
  if (!('Ok' in result)) {
    throw new Error(`expected Ok, got ${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  }
  return result.Ok;
}

const invalid = (field: string) => ({ Err: { InvalidArgument: expect.objectContaining({ field }) } });
const unauthorized = (caller: Principal, required: object) => ({ Err: { Unauthorized: { caller, required } } });
const needsAdmin = (caller: Principal) => unauthorized(caller, { Role: { admin: null } });
const countOf = (status: { counts: Array<[string, bigint]> }, name: string) => status.counts.find(([key]) => key === name)?.[1];

const input = (display_name: string, email?: string, phone?: string) => ({
  display_name,
  email: email === undefined ? ([] as []) : ([email] as [string]),
  phone: phone === undefined ? ([] as []) : ([phone] as [string]),
});

type PrefsOverrides = Partial<{ email: boolean; sms: boolean; webhook: boolean; url: string; quiet: [number, number, number] }>;

const prefs = (overrides: PrefsOverrides = {}) => ({
  channels: { in_app: true, email: overrides.email ?? false, sms: overrides.sms ?? false, webhook: overrides.webhook ?? false },
  webhook_url: overrides.url === undefined ? ([] as []) : ([overrides.url] as [string]),
  quiet_hours:
    overrides.quiet === undefined
      ? ([] as [])
      : ([{ start_minute: overrides.quiet[0], end_minute: overrides.quiet[1], utc_offset_minutes: overrides.quiet[2] }] as [
          { start_minute: number; end_minute: number; utc_offset_minutes: number },
        ]),
});

const page = (limit: number, cursor?: bigint) => ({ limit, cursor: cursor === undefined ? ([] as []) : ([cursor] as [bigint]) });

describe('profile canister', () => {
  let net: LocalNet;
  let ids: DeployedCanisters;
  const alice = Ed25519KeyIdentity.generate();
  const bob = Ed25519KeyIdentity.generate();
  const admin = Ed25519KeyIdentity.generate();
  const anonymous = Principal.anonymous();

  const profileAs = (identity?: Ed25519KeyIdentity): ProfileService =>
    net.createActor<ProfileService>(profileIdlFactory, ids.profile!, identity ? { identity } : {});
  const profileAnonymous = (): ProfileService =>
    net.createActor<ProfileService>(profileIdlFactory, ids.profile!, { sender: anonymous });
  const telemetryAs = (identity?: Ed25519KeyIdentity): TelemetryService =>
    net.createActor<TelemetryService>(telemetryIdlFactory, ids.telemetry!, identity ? { identity } : {});

  async function setRunning(canisterId: Principal, running: boolean): Promise<void> {
    const arg = new Uint8Array(IDL.encode([IDL.Record({ canister_id: IDL.Principal })], [{ canister_id: canisterId }]));
    await net.updateCall(MANAGEMENT_CANISTER_ID, running ? 'start_canister' : 'stop_canister', arg);
  }

  beforeAll(async () => {
    net = await LocalNet.create({ clock: 'manual' });
    ids = await deployDfxProject(net, {
      root: ROOT,
      names: ['profile', 'telemetry'],
      initArg: (_name, deployed) => configArg(deployed),
      canisterIdsFile: join(mkdtempSync(join(tmpdir(), 'profile-test-')), 'canister_ids.json'),
    });
    await net.tick();
  });
  afterAll(() => net?.stop());

  describe('refuses the anonymous principal', () => {
    it('on every update method', async () => {
      const profile = profileAnonymous();
      const refused = unauthorized(anonymous, { Authenticated: null });
      expect(await profile.register(input('Anon'))).toEqual(refused);
      expect(await profile.update_profile(input('Anon'))).toEqual(refused);
      expect(await profile.set_notification_preferences(prefs())).toEqual(refused);
      expect(await profile.grant_role(alice.getPrincipal(), { admin: null })).toEqual(refused);
      expect(await profile.revoke_role(alice.getPrincipal(), { admin: null })).toEqual(refused);
    });

    it('on the queries that need an identity', async () => {
      const profile = profileAnonymous();
      const refused = unauthorized(anonymous, { Authenticated: null });
      expect(await profile.get_my_profile()).toEqual(refused);
      expect(await profile.get_profile(alice.getPrincipal())).toEqual(refused);
      expect(await profile.list_profiles(page(10))).toEqual(refused);
      expect(await profile.list_role_members({ admin: null }, page(10))).toEqual(refused);
      expect(await profile.roles_of(anonymous)).toEqual(refused);
      expect(await profile.roles_since(0n, 10)).toEqual(refused);
    });
  });

  describe('own profile', () => {
    it('registers a person with default notification preferences', async () => {
      const created = okOf(await profileAs(alice).register(input('Alice', 'alice@Example.COM', '+41791234567')));
      expect(created).toMatchObject({
        owner: alice.getPrincipal(),
        display_name: 'Alice',
        email: ['alice@example.com'],
        phone: ['+41791234567'],
        notifications: prefs(),
      });
      expect(created.created_at).toBe(net.now());
      expect(okOf(await profileAs(alice).get_my_profile())).toEqual(created);
    });

    it('refuses a second registration', async () => {
      expect(await profileAs(alice).register(input('Alice again'))).toEqual({
        Err: { AlreadyExists: { kind: 'profile', id: alice.getPrincipal().toText() } },
      });
    });

    it('refuses invalid names, emails and phone numbers with the field at fault', async () => {
      const profile = profileAs(bob);
      expect(await profile.register(input(''))).toEqual(invalid('display_name'));
      expect(await profile.register(input('x'.repeat(65)))).toEqual(invalid('display_name'));
      expect(await profile.register(input(' Bob'))).toEqual(invalid('display_name'));
      expect(await profile.register(input('Bob\u0007'))).toEqual(invalid('display_name'));
      const emails = ['bob', 'bob@', '@example.com', 'bob@example', 'bob@exa mple.com', 'b..ob@example.com', `${'b'.repeat(250)}@x.com`];
      for (const email of emails) {
        expect(await profile.register(input('Bob', email))).toEqual(invalid('email'));
      }
      for (const phone of ['0791234567', '+0791234567', '+41 79 123 45 67', '+1234567', '+1234567890123456']) {
        expect(await profile.register(input('Bob', undefined, phone))).toEqual(invalid('phone'));
      }
      expect(await profile.get_my_profile()).toEqual({ Err: { NotFound: { kind: 'profile', id: bob.getPrincipal().toText() } } });
    });

    it('accepts a 64-character name with multi-byte characters', async () => {
      const name = '電'.repeat(64);
      expect(okOf(await profileAs(bob).register(input(name))).display_name).toBe(name);
    });

    it('edits the profile, refusing an unregistered caller and invalid input', async () => {
      const stranger = Ed25519KeyIdentity.generate();
      expect(await profileAs(stranger).update_profile(input('Nobody'))).toEqual({
        Err: { NotFound: { kind: 'profile', id: stranger.getPrincipal().toText() } },
      });
      expect(await profileAs(bob).update_profile(input('Bob', 'not-an-email'))).toEqual(invalid('email'));
      const updated = okOf(await profileAs(bob).update_profile(input('Bob', 'bob@example.org')));
      expect(updated).toMatchObject({ display_name: 'Bob', email: ['bob@example.org'], phone: [] });
      expect(updated.updated_at).toBeGreaterThanOrEqual(updated.created_at);
    });
  });

  describe('notification preferences', () => {
    it('refuses bad webhook URLs', async () => {
      const profile = profileAs(alice);
      for (const url of [
        'http://hooks.example.com/x',
        'ftp://hooks.example.com',
        'https://',
        'https://localhost/hook',
        'https://user:pw@hooks.example.com/x',
        'https://hooks.example.com:99999/x',
        'https://hooks.example.com/a b',
        `https://hooks.example.com/${'a'.repeat(500)}`,
      ]) {
        expect(await profile.set_notification_preferences(prefs({ webhook: true, url }))).toEqual(invalid('webhook_url'));
      }
      expect(await profile.set_notification_preferences(prefs({ webhook: true }))).toEqual(invalid('channels.webhook'));
    });

    it('refuses invalid quiet hours', async () => {
      const withQuiet = (start: number, end: number, offset: number) =>
        profileAs(alice).set_notification_preferences(prefs({ quiet: [start, end, offset] }));
      expect(await withQuiet(1440, 60, 0)).toEqual(invalid('quiet_hours.start_minute'));
      expect(await withQuiet(60, 1440, 0)).toEqual(invalid('quiet_hours.end_minute'));
      expect(await withQuiet(60, 60, 0)).toEqual(invalid('quiet_hours'));
      for (const offset of [7, 900, -735]) {
        expect(await withQuiet(60, 120, offset)).toEqual(invalid('quiet_hours.utc_offset_minutes'));
      }
    });

    it('refuses a channel with no address to send to, and an unregistered caller', async () => {
      const stranger = Ed25519KeyIdentity.generate();
      expect(await profileAs(stranger).set_notification_preferences(prefs())).toEqual({
        Err: { NotFound: { kind: 'profile', id: stranger.getPrincipal().toText() } },
      });
      expect(await profileAs(bob).set_notification_preferences(prefs({ sms: true }))).toEqual(invalid('channels.sms'));
    });

    it('stores valid preferences, and keeps contact details the enabled channels need', async () => {
      const url = 'https://hooks.example.com:8443/chargex?t=1';
      const chosen = prefs({ email: true, sms: true, webhook: true, url, quiet: [1320, 420, 345] });
      const saved = okOf(await profileAs(alice).set_notification_preferences(chosen));
      expect(saved.notifications).toEqual(chosen);
      expect(await profileAs(alice).update_profile(input('Alice', undefined, '+41791234567'))).toEqual(invalid('email'));
      expect(await profileAs(alice).update_profile(input('Alice', 'alice@example.com'))).toEqual(invalid('phone'));
      expect(okOf(await profileAs(alice).get_my_profile()).email).toEqual(['alice@example.com']);
    });
  });

  describe('roles', () => {
    it('refuses role changes and admin queries from non-admins', async () => {
      const profile = profileAs(alice);
      const caller = alice.getPrincipal();
      expect(await profile.grant_role(caller, { admin: null })).toEqual(needsAdmin(caller));
      expect(await profile.revoke_role(bob.getPrincipal(), { admin: null })).toEqual(needsAdmin(caller));
      expect(await profile.get_profile(bob.getPrincipal())).toEqual(needsAdmin(caller));
      expect(await profile.list_profiles(page(10))).toEqual(needsAdmin(caller));
      expect(await profile.list_role_members({ admin: null }, page(10))).toEqual(needsAdmin(caller));
      expect(await profile.roles_of(bob.getPrincipal())).toEqual(unauthorized(caller, { SelfOrAdmin: null }));
      expect(await profile.roles_since(0n, 10)).toEqual(unauthorized(caller, { PeerCanister: null }));
    });

    it('lets a controller make the first admin, who then grants roles', async () => {
      const first = okOf(await profileAs().grant_role(admin.getPrincipal(), { admin: null }));
      expect(first).toMatchObject({
        seq: 1n,
        principal: admin.getPrincipal(),
        role: { admin: null },
        action: { Grant: null },
        by: net.controller.getPrincipal(),
      });
      const second = okOf(await profileAs(admin).grant_role(alice.getPrincipal(), { technician: null }));
      expect(second).toMatchObject({ seq: 2n, by: admin.getPrincipal() });
      expect(okOf(await profileAs(alice).roles_of(alice.getPrincipal()))).toEqual([{ technician: null }]);
      expect(okOf(await profileAs(admin).roles_of(alice.getPrincipal()))).toEqual([{ technician: null }]);
    });

    it('refuses granting a held role, revoking an absent one, and roles for the anonymous principal', async () => {
      const profile = profileAs(admin);
      expect(await profile.grant_role(alice.getPrincipal(), { technician: null })).toEqual({
        Err: { AlreadyExists: { kind: 'role', id: `${alice.getPrincipal().toText()} technician` } },
      });
      expect(await profile.revoke_role(alice.getPrincipal(), { lessee: null })).toEqual({
        Err: { NotFound: { kind: 'role', id: `${alice.getPrincipal().toText()} lessee` } },
      });
      expect(await profile.grant_role(anonymous, { lessee: null })).toEqual(invalid('principal'));
    });

    it('serves the role log to admins, within the batch limit', async () => {
      const since = okOf(await profileAs(admin).roles_since(1n, 10));
      expect(since.head).toBe(2n);
      expect(since.changes.map((change) => change.seq)).toEqual([2n]);
      expect(await profileAs(admin).roles_since(0n, 0)).toEqual(invalid('limit'));
      expect(await profileAs(admin).roles_since(0n, 201)).toEqual(invalid('limit'));
    });

    it('lists the members of a role a page at a time', async () => {
      const profile = profileAs(admin);
      const members = Array.from({ length: 5 }, () => Ed25519KeyIdentity.generate().getPrincipal());
      for (const member of members) okOf(await profile.grant_role(member, { device: null }));
      const first = okOf(await profile.list_role_members({ device: null }, page(3)));
      expect(first.members).toHaveLength(3);
      expect(first.next_cursor).toEqual([3n]);
      const second = okOf(await profile.list_role_members({ device: null }, page(3, first.next_cursor[0])));
      expect(second.next_cursor).toEqual([]);
      expect([...first.members, ...second.members].map(String).sort()).toEqual(members.map(String).sort());

      okOf(await profile.revoke_role(members[0]!, { device: null }));
      const after = okOf(await profile.list_role_members({ device: null }, page(100)));
      expect(after.members.map(String).sort()).toEqual(members.slice(1).map(String).sort());
      expect(await profile.list_role_members({ device: null }, page(101))).toEqual(invalid('limit'));
    });
  });

  describe('profile listing for admins', () => {
    it('pages through every profile in registration order without repeats', async () => {
      const profile = profileAs(admin);
      const newcomers = Array.from({ length: 6 }, () => Ed25519KeyIdentity.generate());
      for (const [i, person] of newcomers.entries()) okOf(await profileAs(person).register(input(`Person ${i}`)));

      const seen: string[] = [];
      let cursor: bigint | undefined;
      do {
        const next = okOf(await profile.list_profiles(page(3, cursor)));
        expect(next.profiles.length).toBeLessThanOrEqual(3);
        seen.push(...next.profiles.map((p) => p.owner.toText()));
        cursor = next.next_cursor[0];
      } while (cursor !== undefined);

      const expected = [alice, bob, ...newcomers].map((person) => person.getPrincipal().toText());
      expect(seen).toEqual(expected);
      expect(okOf(await profile.get_profile(bob.getPrincipal())).display_name).toBe('Bob');
      expect(await profile.get_profile(admin.getPrincipal())).toEqual({
        Err: { NotFound: { kind: 'profile', id: admin.getPrincipal().toText() } },
      });
    });

    it('refuses page limits outside 1..100 and returns an empty page past the end', async () => {
      const profile = profileAs(admin);
      expect(await profile.list_profiles(page(0))).toEqual(invalid('limit'));
      expect(await profile.list_profiles(page(101))).toEqual(invalid('limit'));
      expect(okOf(await profile.list_profiles(page(10, 1_000n)))).toEqual({ profiles: [], next_cursor: [] });
    });
  });

  describe('role replication into peers', () => {
    it('has pushed every change to telemetry by the time grant/revoke returns', async () => {
      const status = await profileAs().status();
      expect(countOf(status, 'role_outbox_pending_peers')).toBe(0n);
      expect((await telemetryAs().status()).roles_seq).toBe(status.roles_seq);
      expect(await telemetryAs(alice).my_roles()).toEqual([{ technician: null }]);

      okOf(await profileAs(admin).grant_role(alice.getPrincipal(), { lessee: null }));
      expect(await telemetryAs(alice).my_roles()).toEqual([{ lessee: null }, { technician: null }]);

      okOf(await profileAs(admin).revoke_role(alice.getPrincipal(), { technician: null }));
      expect(await telemetryAs(alice).my_roles()).toEqual([{ lessee: null }]);
    });

    it('accepts roles_sync only from the profile canister, even refusing controllers', async () => {
      const telemetry = telemetryAs(admin);
      expect(await telemetry.roles_sync([])).toEqual(unauthorized(admin.getPrincipal(), { ProfileCanister: null }));
      expect(await telemetryAs().roles_sync([])).toEqual(unauthorized(net.controller.getPrincipal(), { ProfileCanister: null }));
    });

    it('retries a peer that was down from the stable outbox, with a timer', async () => {
      await setRunning(ids.telemetry!, false);
      okOf(await profileAs(admin).grant_role(bob.getPrincipal(), { fleet_operator: null }));
      expect(countOf(await profileAs().status(), 'role_outbox_pending_peers')).toBe(1n);

      await setRunning(ids.telemetry!, true);
      expect(await telemetryAs(bob).my_roles()).toEqual([]);
      await net.advanceTime(6_000);
      expect(await telemetryAs(bob).my_roles()).toEqual([{ fleet_operator: null }]);
      expect(countOf(await profileAs().status(), 'role_outbox_pending_peers')).toBe(0n);
    });

    it('catches up a peer that lost its replica (reinstalled) when the next push reveals the gap', async () => {
      const wasm = builtWasm('telemetry');
      await net.installCode({ canisterId: ids.telemetry!, wasm, arg: configArg(ids), mode: 'reinstall' });
      expect((await telemetryAs().status()).roles_seq).toBe(0n);

      okOf(await profileAs(admin).grant_role(bob.getPrincipal(), { station_operator: null }));
      const head = (await profileAs().status()).roles_seq;
      expect((await telemetryAs().status()).roles_seq).toBe(head);
      expect(await telemetryAs(bob).my_roles()).toEqual([{ fleet_operator: null }, { station_operator: null }]);
    });

    it('lets the ledger, which profile does not push to, pull the whole log when it starts', async () => {
      const ledgerId = await net.createCanister();
      const withLedger = configArg({ ...ids, ledger: ledgerId });
      await net.installCode({ canisterId: ids.profile!, wasm: builtWasm('profile'), arg: withLedger, mode: 'upgrade' });
      await net.installCode({ canisterId: ledgerId, wasm: builtWasm('ledger'), arg: withLedger });
      const ledger = net.createActor<LedgerService>(ledgerIdlFactory, ledgerId, { identity: alice });
      expect((await ledger.status()).roles_seq).toBe(0n);

      await net.tick();
      expect((await ledger.status()).roles_seq).toBe((await profileAs().status()).roles_seq);
      expect(await ledger.my_roles()).toEqual([{ lessee: null }]);
      expect(countOf(await profileAs().status(), 'role_outbox_pending_peers')).toBe(0n);
    });

    it('refuses roles_since to a canister that is not a configured peer', async () => {
      const strangerId = await net.createCanister();
      await net.installCode({ canisterId: strangerId, wasm: builtWasm('ai'), arg: configArg({ ...ids, ai: strangerId }) });
      await net.tick();
      const stranger = net.createActor<AiService>(aiIdlFactory, strangerId, { identity: alice });
      expect((await stranger.status()).roles_seq).toBe(0n);
      expect(await stranger.my_roles()).toEqual([]);
    });
  });

  describe('upgrade', () => {
    it('keeps profiles, roles and config when upgraded without a config', async () => {
      const before = await profileAs().status();
      const wasm = builtWasm('profile');
      const noConfig = new Uint8Array(IDL.encode(profileInit({ IDL }), [[]]));
      await net.installCode({ canisterId: ids.profile!, wasm, arg: noConfig, mode: 'upgrade' });

      const after = await profileAs().status();
      expect(after.canister_version).toBeGreaterThan(before.canister_version);
      expect(after).toMatchObject({ schema_version: 1, roles_seq: before.roles_seq, counts: before.counts });
      expect(after.config).toEqual(before.config);
      expect(okOf(await profileAs(alice).get_my_profile()).display_name).toBe('Alice');
      expect(okOf(await profileAs(admin).roles_of(alice.getPrincipal()))).toEqual([{ lessee: null }]);
    });
  });
});
