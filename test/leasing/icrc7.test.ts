/**
 * ICRC-7 on the leasing canister's real wasm: collection metadata, minting by fleet operators, positional batch
 * results, pagination with prev/take across id chunks, the transfer errors, deduplication before ownership checks,
 * the time window, batch limits, live-field updates (7update_token) and decommissioning (burn).
 */
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { account, type LeasingFixture, newIdentity, okOf, registration, startLeasing, subaccount } from './support/fixture';

const HOUR_NS = 3_600_000_000_000n;

describe('leasing: ICRC-7 battery NFTs', () => {
  let fx: LeasingFixture;
  const operator = newIdentity();
  const alice = newIdentity();
  const bob = newIdentity();
  const stranger = newIdentity();
  const anonymous = Principal.anonymous();

  const transfer = (tokenId: bigint, to: ReturnType<typeof account>, extra: Partial<{ from_subaccount: [] | [Uint8Array]; memo: [] | [Uint8Array]; created_at_time: [] | [bigint] }> = {}) => ({
    token_id: tokenId,
    to,
    from_subaccount: [] as [] | [Uint8Array],
    memo: [] as [] | [Uint8Array],
    created_at_time: [] as [] | [bigint],
    ...extra,
  });

  beforeAll(async () => {
    fx = await startLeasing();
    await fx.grant(operator, { fleet_operator: null });
  });
  afterAll(() => fx?.net.stop());

  describe('collection', () => {
    it('reports its metadata with the same values as the individual queries', async () => {
      const api = fx.leasing();
      const metadata = new Map(await api.icrc7_collection_metadata());
      expect(metadata.get('icrc7:symbol')).toEqual({ Text: await api.icrc7_symbol() });
      expect(metadata.get('icrc7:name')).toEqual({ Text: await api.icrc7_name() });
      expect(metadata.get('icrc7:description')).toEqual({ Text: (await api.icrc7_description())[0] });
      expect(metadata.get('icrc7:total_supply')).toEqual({ Nat: await api.icrc7_total_supply() });
      const limits = [
        ['icrc7:max_query_batch_size', await api.icrc7_max_query_batch_size(), 100n],
        ['icrc7:max_update_batch_size', await api.icrc7_max_update_batch_size(), 50n],
        ['icrc7:default_take_value', await api.icrc7_default_take_value(), 50n],
        ['icrc7:max_take_value', await api.icrc7_max_take_value(), 200n],
        ['icrc7:max_memo_size', await api.icrc7_max_memo_size(), 32n],
        ['icrc7:tx_window', await api.icrc7_tx_window(), 86_400n],
        ['icrc7:permitted_drift', await api.icrc7_permitted_drift(), 120n],
        ['icrc37:max_approvals_per_token_or_collection', await api.icrc37_max_approvals_per_token_or_collection(), 10n],
        ['icrc37:max_revoke_approvals', await api.icrc37_max_revoke_approvals(), 20n],
      ] as const;
      for (const [key, fromMethod, expected] of limits) {
        expect(fromMethod).toEqual([expected]);
        expect(metadata.get(key)).toEqual({ Nat: expected });
      }
      expect(await api.icrc7_supply_cap()).toEqual([]);
      expect(await api.icrc7_logo()).toEqual([]);
      expect(await api.icrc7_atomic_batch_transfers()).toEqual([false]);
      for (const key of metadata.keys()) expect(key).toMatch(/^[^:]+:.+$/);
    });

    it('lists ICRC-7, ICRC-10, ICRC-37 and ICRC-3 as supported standards', async () => {
      const standards = await fx.leasing().icrc10_supported_standards();
      expect(standards).toEqual(
        expect.arrayContaining([
          { name: 'ICRC-7', url: 'https://github.com/dfinity/ICRC/ICRCs/ICRC-7' },
          { name: 'ICRC-10', url: 'https://github.com/dfinity/ICRC/ICRCs/ICRC-10' },
          { name: 'ICRC-37', url: 'https://github.com/dfinity/ICRC/ICRCs/ICRC-37' },
          { name: 'ICRC-3', url: expect.stringContaining('ICRC-3') },
        ]),
      );
    });
  });

  describe('registering batteries (mint)', () => {
    it('is for fleet operators only', async () => {
      expect(await fx.leasing(stranger).register_battery(registration('SN-X'))).toEqual({
        Err: { Unauthorized: { caller: stranger.getPrincipal(), required: { Role: { fleet_operator: null } } } },
      });
      expect(await fx.leasingAs(anonymous).register_battery(registration('SN-X'))).toEqual({
        Err: { Unauthorized: { caller: anonymous, required: { Authenticated: null } } },
      });
    });

    it('refuses invalid descriptions with the field at fault', async () => {
      const invalid = (field: string) => ({ Err: { InvalidArgument: expect.objectContaining({ field }) } });
      const api = fx.leasing(operator);
      expect(await api.register_battery(registration('bad serial'))).toEqual(invalid('serial'));
      expect(await api.register_battery(registration('SN-1', { manufactured_on: '2999-01-01' }))).toEqual(invalid('manufactured_on'));
      expect(await api.register_battery(registration('SN-1', { manufactured_on: '2024-02-30' }))).toEqual(invalid('manufactured_on'));
      expect(await api.register_battery(registration('SN-1', { state_of_health_bp: 10_001 }))).toEqual(invalid('state_of_health_bp'));
      expect(await api.register_battery(registration('SN-1', { capacity_wh: 0 }))).toEqual(invalid('capacity_wh'));
      expect(await api.register_battery(registration('SN-1', { owner: [account(alice, new Uint8Array(3))] }))).toEqual(invalid('owner'));
    });

    it('mints a token whose metadata describes the battery, held by the given owner', async () => {
      const minted = okOf(await fx.leasing(operator).register_battery(registration('SN-1', { owner: [account(alice)] })));
      expect(minted.token_id).toBe(1n);
      const [metadata] = await fx.leasing().icrc7_token_metadata([minted.token_id]);
      expect(new Map(metadata![0]!)).toEqual(
        new Map([
          ['chargex:serial', { Text: 'SN-1' }],
          ['chargex:manufacturer', { Text: 'CATL' }],
          ['chargex:model', { Text: 'LFP-280' }],
          ['chargex:chemistry', { Text: 'LFP' }],
          ['chargex:nominal_voltage_mv', { Nat: 51_200n }],
          ['chargex:capacity_wh', { Nat: 14_336n }],
          ['chargex:manufactured_on', { Text: '2024-03-01' }],
          ['chargex:monitor_device_id', { Text: 'esp32-SN-1' }],
          ['chargex:cycle_count', { Nat: 12n }],
          ['chargex:state_of_health_bp', { Nat: 9_800n }],
        ]),
      );
      expect(await fx.leasing().icrc7_owner_of([minted.token_id])).toEqual([[account(alice)]]);
    });

    it('refuses a serial number that already has a token', async () => {
      expect(await fx.leasing(operator).register_battery(registration('SN-1'))).toEqual({
        Err: { AlreadyExists: { kind: 'battery', id: 'SN-1 (token 1)' } },
      });
    });
  });

  describe('batch queries', () => {
    it('answer positionally, with none for tokens that do not exist', async () => {
      const api = fx.leasing();
      expect(await api.icrc7_owner_of([1n, 999n, 0n, 1n, 2n ** 70n])).toEqual([[account(alice)], [], [], [account(alice)], []]);
      const metadata = await api.icrc7_token_metadata([999n, 1n]);
      expect(metadata[0]).toEqual([]);
      expect(metadata[1]).toHaveLength(1);
      expect(await api.icrc7_balance_of([account(bob), account(alice), account(alice, new Uint8Array(32))])).toEqual([0n, 1n, 1n]);
    });

    it('answer only a prefix of max_query_batch_size items', async () => {
      const ids = Array.from({ length: 130 }, (_, i) => BigInt(i));
      expect(await fx.leasing().icrc7_owner_of(ids)).toHaveLength(100);
      expect(await fx.leasing().icrc7_balance_of(ids.map(() => account(alice)))).toHaveLength(100);
    });
  });

  describe('pagination', () => {
    const bobTokens: bigint[] = [];

    beforeAll(async () => {
      // Tokens 2..141: every third to bob, the rest to alice, so both owners span three 64-id chunks.
      for (let n = 2; n <= 141; n++) {
        const owner = n % 3 === 0 ? bob : alice;
        const id = await fx.register(operator, `SN-${n}`, { owner: [account(owner)] });
        if (owner === bob) bobTokens.push(id);
      }
    });

    it('icrc7_tokens walks every id in ascending order with prev and take', async () => {
      const seen: bigint[] = [];
      let prev: [] | [bigint] = [];
      for (;;) {
        const page: bigint[] = await fx.leasing().icrc7_tokens(prev, [30n]);
        seen.push(...page);
        if (page.length < 30) break;
        prev = [page[page.length - 1]!];
      }
      expect(seen).toEqual(Array.from({ length: 141 }, (_, i) => BigInt(i + 1)));
    });

    it('uses the default take when none is given and caps take at the maximum', async () => {
      expect(await fx.leasing().icrc7_tokens([], [])).toHaveLength(50);
      expect(await fx.leasing().icrc7_tokens([], [10_000n])).toHaveLength(141);
      expect(await fx.leasing().icrc7_tokens([], [0n])).toEqual([]);
      expect(await fx.leasing().icrc7_tokens([141n], [10n])).toEqual([]);
      expect(await fx.leasing().icrc7_tokens([10_000_000_000_000_000_000_000n], [])).toEqual([]);
    });

    it('icrc7_tokens_of pages through one account, from any prev', async () => {
      const api = fx.leasing();
      expect(await api.icrc7_tokens_of(account(bob), [], [200n])).toEqual(bobTokens);
      expect(await api.icrc7_tokens_of(account(bob), [], [5n])).toEqual(bobTokens.slice(0, 5));
      // prev need not be one of bob's tokens: paging continues after it in id order.
      expect(await api.icrc7_tokens_of(account(bob), [64n], [3n])).toEqual(bobTokens.filter((id) => id > 64n).slice(0, 3));
      expect(await api.icrc7_tokens_of(account(bob), [bobTokens.at(-1)!], [])).toEqual([]);
      expect(await api.icrc7_tokens_of(account(stranger), [], [])).toEqual([]);
      expect(await api.icrc7_balance_of([account(bob)])).toEqual([BigInt(bobTokens.length)]);
    });
  });

  describe('icrc7_transfer', () => {
    it('returns one result per item, in order', async () => {
      const results = await fx.leasing(alice).icrc7_transfer([
        transfer(1n, account(bob)),
        transfer(999n, account(bob)),
        transfer(3n, account(alice)),
        transfer(2n, account(alice)),
        transfer(4n, account(anonymous)),
      ]);
      expect(results).toEqual([
        [{ Ok: expect.any(BigInt) }],
        [{ Err: { NonExistingTokenId: null } }],
        [{ Err: { Unauthorized: null } }],
        [{ Err: { InvalidRecipient: null } }],
        [{ Err: { InvalidRecipient: null } }],
      ]);
      expect(await fx.leasing().icrc7_owner_of([1n, 2n, 3n, 4n])).toEqual([[account(bob)], [account(alice)], [account(bob)], [account(alice)]]);
    });

    it('moves tokens between subaccounts and checks the subaccount a token is held on', async () => {
      const savings = subaccount(7);
      expect(await fx.leasing(alice).icrc7_transfer([transfer(2n, account(alice, savings))])).toEqual([[{ Ok: expect.any(BigInt) }]]);
      expect(await fx.leasing(alice).icrc7_tokens_of(account(alice, savings), [], [])).toEqual([2n]);
      expect(await fx.leasing(alice).icrc7_transfer([transfer(2n, account(bob))])).toEqual([[{ Err: { Unauthorized: null } }]]);
      expect(await fx.leasing(alice).icrc7_transfer([transfer(2n, account(alice), { from_subaccount: [savings] })])).toEqual([
        [{ Ok: expect.any(BigInt) }],
      ]);
      expect(await fx.leasing(alice).icrc7_transfer([transfer(4n, account(bob, new Uint8Array(31)))])).toEqual([
        [{ Err: { InvalidRecipient: null } }],
      ]);
      expect(await fx.leasing(alice).icrc7_transfer([transfer(4n, account(fx.ids.leasing!))])).toEqual([[{ Err: { InvalidRecipient: null } }]]);
    });

    it('refuses the anonymous caller on every item', async () => {
      expect(await fx.leasingAs(anonymous).icrc7_transfer([transfer(4n, account(bob)), transfer(5n, account(bob))])).toEqual([
        [{ Err: { Unauthorized: null } }],
        [{ Err: { Unauthorized: null } }],
      ]);
    });

    it('deduplicates by created_at_time and memo before checking ownership', async () => {
      const arg = transfer(4n, account(bob), { created_at_time: [fx.net.now()], memo: [Uint8Array.of(1, 2, 3)] });
      const [[first]] = (await fx.leasing(alice).icrc7_transfer([arg])) as [[{ Ok: bigint }]];
      // Alice no longer holds token 4: the same request is still answered as the duplicate it is.
      expect(await fx.leasing(alice).icrc7_transfer([arg])).toEqual([[{ Err: { Duplicate: { duplicate_of: first.Ok } } }]]);
      // A different memo or no created_at_time is a new request, which alice may no longer make.
      expect(await fx.leasing(alice).icrc7_transfer([{ ...arg, memo: [Uint8Array.of(9)] }])).toEqual([[{ Err: { Unauthorized: null } }]]);
      expect(await fx.leasing(alice).icrc7_transfer([{ ...arg, created_at_time: [] }])).toEqual([[{ Err: { Unauthorized: null } }]]);
      // Another caller with the same argument is another request.
      expect(await fx.leasing(bob).icrc7_transfer([arg])).toEqual([[{ Err: { InvalidRecipient: null } }]]);
    });

    it('refuses created_at_time outside the window, and forgets duplicates once the window has passed', async () => {
      const now = fx.net.now();
      expect(await fx.leasing(alice).icrc7_transfer([transfer(5n, account(bob), { created_at_time: [now - 25n * HOUR_NS] })])).toEqual([
        [{ Err: { TooOld: null } }],
      ]);
      expect(await fx.leasing(alice).icrc7_transfer([transfer(5n, account(bob), { created_at_time: [now + HOUR_NS] })])).toEqual([
        [{ Err: { CreatedInFuture: { ledger_time: now } } }],
      ]);
      const arg = transfer(5n, account(bob), { created_at_time: [now] });
      okOf((await fx.leasing(alice).icrc7_transfer([arg]))[0]![0]!);
      await fx.net.advanceTime(24 * 3_600_000 + 180_000);
      expect(await fx.leasing(alice).icrc7_transfer([arg])).toEqual([[{ Err: { TooOld: null } }]]);
    });

    it('refuses a memo longer than max_memo_size with a GenericError', async () => {
      expect(await fx.leasing(alice).icrc7_transfer([transfer(7n, account(bob), { memo: [new Uint8Array(33)] })])).toEqual([
        [{ Err: { GenericError: { error_code: 1n, message: expect.stringContaining('33 bytes') } } }],
      ]);
      expect(await fx.leasing(alice).icrc7_transfer([transfer(7n, account(bob), { memo: [new Uint8Array(32)] })])).toEqual([
        [{ Ok: expect.any(BigInt) }],
      ]);
    });

    it('processes at most max_update_batch_size items and marks the next one with a batch error', async () => {
      const args = Array.from({ length: 55 }, () => transfer(999n, account(bob)));
      const results = await fx.leasing(alice).icrc7_transfer(args);
      expect(results).toHaveLength(51);
      expect(results.slice(0, 50).every((r) => JSON.stringify(r) === JSON.stringify([{ Err: { NonExistingTokenId: null } }]))).toBe(true);
      expect(results[50]).toEqual([{ Err: { GenericBatchError: { error_code: 100n, message: expect.any(String) } } }]);
      expect(await fx.leasing(alice).icrc7_transfer([])).toEqual([]);
    });
  });

  describe('live battery fields (7update_token)', () => {
    it('accepts updates from the telemetry canister and admins only', async () => {
      const update = { cycle_count: [40] as [number], state_of_health_bp: [9_500] as [number] };
      expect(await fx.leasing(stranger).update_battery_state(1n, update)).toEqual({
        Err: { Unauthorized: { caller: stranger.getPrincipal(), required: { PeerCanister: null } } },
      });
      okOf(await fx.leasingAs(fx.ids.telemetry!).update_battery_state(1n, update));
      okOf(await fx.leasing().update_battery_state(1n, { cycle_count: [41], state_of_health_bp: [] }));
      const battery = okOf(await fx.leasing().get_battery(1n)).battery;
      expect([battery.cycle_count, battery.state_of_health_bp]).toEqual([41, 9_500]);
    });

    it('refuses a cycle count that goes down, and unknown tokens', async () => {
      expect(await fx.leasing().update_battery_state(1n, { cycle_count: [3], state_of_health_bp: [] })).toEqual({
        Err: { InvalidArgument: expect.objectContaining({ field: 'cycle_count' }) },
      });
      expect(await fx.leasing().update_battery_state(999n, { cycle_count: [], state_of_health_bp: [5] })).toEqual({
        Err: { NotFound: { kind: 'battery token', id: '999' } },
      });
    });
  });

  describe('decommissioning (burn)', () => {
    it('is for the holder or admins, and removes the token from every listing', async () => {
      const supply = await fx.leasing().icrc7_total_supply();
      expect(await fx.leasing(stranger).decommission_battery(10n, [])).toEqual({
        Err: { Unauthorized: { caller: stranger.getPrincipal(), required: { SelfOrAdmin: null } } },
      });
      okOf(await fx.leasing(alice).decommission_battery(10n, []));
      okOf(await fx.leasing().decommission_battery(11n, []));
      expect(await fx.leasing().icrc7_total_supply()).toBe(supply - 2n);
      expect(await fx.leasing().icrc7_owner_of([10n, 11n])).toEqual([[], []]);
      expect(await fx.leasing().icrc7_tokens([9n], [2n])).toEqual([12n, 13n]);
      expect(await fx.leasing(alice).icrc7_tokens_of(account(alice), [9n], [1n])).not.toContain(10n);
      expect(await fx.leasing(alice).icrc7_transfer([transfer(10n, account(bob))])).toEqual([[{ Err: { NonExistingTokenId: null } }]]);
      expect(await fx.leasing(operator).register_battery(registration('SN-10'))).toEqual({
        Err: { AlreadyExists: expect.objectContaining({ kind: 'battery' }) },
      });
    });
  });
});
