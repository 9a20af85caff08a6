/**
 * The ledger's install and upgrade on its real wasm: installed by deploy tools with the plain `opt CanisterConfig`
 * every canister gets (the ledger then mints only through the controller-only mint_for_local_dev), and upgraded
 * keeping balances, allowances, blocks, deduplication, certification and its pruning timers.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { ledgerIdlFactory, type LedgerService, profileInit } from '@chargex/client';
import { CallRejectedError, deployDfxProject, LocalNet } from 'localnet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { icrc3Hash } from './support/icrc3-hash';
import {
  account,
  approveArg,
  encodeLedgerArg,
  type LedgerFixture,
  ledgerWasm,
  newIdentity,
  okOf,
  PERMITTED_DRIFT_NS,
  ROOT,
  startLedger,
  subaccount,
  transferArg,
  TX_WINDOW_NS,
  U64_MAX,
} from './support/ledger-fixture';

const HOUR_MS = 3_600_000;

describe('ledger: install and upgrade', () => {
  describe('deployed like every canister, with only the peer config', () => {
    let net: LocalNet;
    let id: Principal;
    const profileId = Principal.fromText('aaaaa-aa');
    const alice = newIdentity();
    const api = (identity?: ReturnType<typeof newIdentity>) =>
      net.createActor<LedgerService>(ledgerIdlFactory, id, identity ? { identity } : {});

    /** What deploy tools pass every canister: `opt CanisterConfig`, encoded with another canister's init type. */
    const configArg = (ids: Record<string, Principal>) => {
      const names = ['profile', 'leasing', 'telemetry', 'ai', 'alerts', 'trust', 'energy', 'ledger'];
      const config = Object.fromEntries(names.map((name) => [name, name === 'profile' ? [profileId] : ids[name] ? [ids[name]] : []]));
      return new Uint8Array(IDL.encode(profileInit({ IDL }), [[config]]));
    };

    beforeAll(async () => {
      net = await LocalNet.create({ clock: 'manual' });
      const deployed = await deployDfxProject(net, {
        root: ROOT,
        names: ['ledger'],
        initArg: (_name, ids) => configArg(ids),
        canisterIdsFile: join(mkdtempSync(join(tmpdir(), 'ledger-test-')), 'canister_ids.json'),
      });
      id = deployed.ledger!;
      await net.tick();
    });
    afterAll(() => net?.stop());

    it('keeps the peer config and makes itself the minting account', async () => {
      const { config } = await api().status();
      expect(config.ledger).toEqual([id]);
      expect(config.profile).toEqual([profileId]);
      expect(await api().icrc1_minting_account()).toEqual([{ owner: id, subaccount: [] }]);
      expect((await api().icrc3_get_blocks([])).log_length).toBe(0n);
    });

    it('lets a controller mint for local development, as a 1mint block', async () => {
      expect(okOf(await api().mint_for_local_dev({ to: account(alice), amount: 5_000n, memo: [Uint8Array.of(9)] }))).toBe(0n);
      expect(await api().icrc1_balance_of(account(alice))).toBe(5_000n);
      expect(await api().icrc1_total_supply()).toBe(5_000n);
      const [{ block }] = (await api().icrc3_get_blocks([{ start: 0n, length: 1n }])).blocks;
      expect(block).toMatchObject({ Map: expect.arrayContaining([['btype', { Text: '1mint' }]]) });
    });

    it('refuses mint_for_local_dev to everyone else and for impossible mints', async () => {
      expect(await api(alice).mint_for_local_dev({ to: account(alice), amount: 1n, memo: [] })).toEqual({
        Err: { Unauthorized: { caller: alice.getPrincipal(), required: { Controller: null } } },
      });
      const invalid = (field: string) => ({ Err: { InvalidArgument: { field, reason: expect.any(String) } } });
      expect(await api().mint_for_local_dev({ to: { owner: id, subaccount: [] }, amount: 1n, memo: [] })).toEqual(invalid('to'));
      expect(await api().mint_for_local_dev({ to: account(alice, new Uint8Array(3)), amount: 1n, memo: [] })).toEqual(invalid('to'));
      expect(await api().mint_for_local_dev({ to: account(alice), amount: 1n, memo: [new Uint8Array(33)] })).toEqual(invalid('memo'));
      expect(await api().mint_for_local_dev({ to: account(alice), amount: U64_MAX, memo: [] })).toEqual(invalid('amount'));
      expect(await api().mint_for_local_dev({ to: account(alice), amount: U64_MAX + 1n, memo: [] })).toEqual(invalid('amount'));
    });

    it('lets the ledger account burn like any minting account: transfers to it are burns', async () => {
      okOf(await api(alice).icrc1_transfer({ to: { owner: id, subaccount: [] }, amount: 1_000n, fee: [], memo: [], from_subaccount: [], created_at_time: [] }));
      expect(await api().icrc1_total_supply()).toBe(4_000n);
    });
  });

  describe('upgrade', () => {
    let ledger: LedgerFixture;
    const minter = newIdentity();
    const alice = newIdentity();
    const bob = newIdentity();
    const leasing = newIdentity();
    let dedupArg: ReturnType<typeof transferArg>;
    let dedupIndex: bigint;

    const snapshot = async () => {
      const api = ledger.controller();
      return {
        balances: await Promise.all([alice, bob, leasing].map((who) => api.icrc1_balance_of(account(who)))),
        sub: await api.icrc1_balance_of(account(alice, subaccount(5))),
        supply: await api.icrc1_total_supply(),
        allowances: await Promise.all(
          [account(leasing), account(bob, subaccount(1))].map((spender) => api.icrc2_allowance({ account: account(alice), spender })),
        ),
        blocks: await api.icrc3_get_blocks([{ start: 0n, length: 1_000n }]),
        minting: await api.icrc1_minting_account(),
        certified: Buffer.from(ledger.net.replica.getCanister(ledger.id)!.certifiedData).toString('hex'),
        counts: (await api.status()).counts,
      };
    };
    const upgrade = (arg: Uint8Array) => ledger.net.installCode({ canisterId: ledger.id, wasm: ledgerWasm(), arg, mode: 'upgrade' });

    beforeAll(async () => {
      ledger = await startLedger({ minting_account: account(minter), initial_balances: [[account(alice), 1_000_000n]] });
      const now = ledger.net.now();
      dedupArg = transferArg(account(bob), 300n, { created_at_time: [now], memo: [Uint8Array.of(1)] });
      dedupIndex = okOf(await ledger.as(alice).icrc1_transfer(dedupArg));
      okOf(await ledger.as(alice).icrc1_transfer(transferArg(account(alice, subaccount(5)), 700n)));
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(leasing), 50_000n)));
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(bob, subaccount(1)), 60n, { expires_at: [now + 2n * BigInt(HOUR_MS) * 1_000_000n] })));
      okOf(await ledger.as(minter).icrc1_transfer(transferArg(account(leasing), 10n, { created_at_time: [now] })));
    });
    afterAll(() => ledger?.net.stop());

    it('keeps balances, supply, allowances, blocks, the minting account and the certified tip', async () => {
      const before = await snapshot();
      await upgrade(encodeLedgerArg(null));
      expect(await snapshot()).toEqual(before);
    });

    it('still recognises duplicates of transactions recorded before the upgrade', async () => {
      expect(await ledger.as(alice).icrc1_transfer(dedupArg)).toEqual({ Err: { Duplicate: { duplicate_of: dedupIndex } } });
    });

    it('chains new blocks to the tip recorded before the upgrade', async () => {
      const { log_length } = await ledger.controller().icrc3_get_blocks([]);
      const tip = (await ledger.controller().icrc3_get_blocks([{ start: log_length - 1n, length: 1n }])).blocks[0]!.block;
      const index = okOf(await ledger.as(alice).icrc1_transfer(transferArg(account(bob), 1n)));
      const [{ block }] = (await ledger.controller().icrc3_get_blocks([{ start: index, length: 1n }])).blocks;
      expect(block).toMatchObject({ Map: expect.arrayContaining([['phash', { Blob: new Uint8Array(icrc3Hash(tip)) }]]) });
    });

    it('accepts the install argument again (initial balances are not minted twice) and a new peer config', async () => {
      const supply = await ledger.controller().icrc1_total_supply();
      const profile = Principal.fromText('aaaaa-aa');
      await upgrade(encodeLedgerArg({ minting_account: account(minter), initial_balances: [[account(alice), 1_000_000n]], config: { profile } }));
      expect(await ledger.controller().icrc1_total_supply()).toBe(supply);
      expect((await ledger.controller().status()).config.profile).toEqual([profile]);
    });

    it('refuses an upgrade that would change the minting account, keeping the ledger as it was', async () => {
      const before = await snapshot();
      await expect(upgrade(encodeLedgerArg({ minting_account: account(bob) }))).rejects.toBeInstanceOf(CallRejectedError);
      expect(await snapshot()).toEqual(before);
    });

    it('re-arms its pruning timers after an upgrade', async () => {
      const allowances = await ledger.count('allowances');
      await ledger.net.advanceTime(2 * HOUR_MS + 61_000);
      expect(await ledger.count('allowances')).toBe(allowances! - 1n);
      expect(await ledger.count('dedup_entries')).toBe(2n);
      await ledger.net.advanceTime(Number((TX_WINDOW_NS + PERMITTED_DRIFT_NS) / 1_000_000n));
      expect(await ledger.count('dedup_entries')).toBe(0n);
    });
  });
});
