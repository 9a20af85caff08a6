/**
 * ICRC-2 on the ledger's real wasm: approvals (fee charged to the approver, expected_allowance, expires_at,
 * self-approval), allowances and their expiry, and transfer_from (limits, allowance reduced by amount + fee,
 * spender subaccounts, owner spending its own account, burns through an allowance).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  account,
  approveArg,
  FEE,
  genericError,
  type LedgerFixture,
  newIdentity,
  okOf,
  startLedger,
  subaccount,
  transferArg,
  transferFromArg,
  U64_MAX,
} from './support/ledger-fixture';

const SECOND_NS = 1_000_000_000n;

describe('ledger: ICRC-2', () => {
  let ledger: LedgerFixture;
  const minter = newIdentity();
  const alice = newIdentity();
  const bob = newIdentity();
  const carol = newIdentity();
  const leasing = newIdentity();

  const balance = (owner = alice, sub?: Uint8Array) => ledger.controller().icrc1_balance_of(account(owner, sub));
  const allowance = (owner = alice, spender = leasing, ownerSub?: Uint8Array, spenderSub?: Uint8Array) =>
    ledger.controller().icrc2_allowance({ account: account(owner, ownerSub), spender: account(spender, spenderSub) });
  const now = () => ledger.net.now();

  beforeAll(async () => {
    ledger = await startLedger({
      minting_account: account(minter),
      initial_balances: [
        [account(alice), 1_000_000n],
        [account(bob), 5n],
      ],
    });
  });
  afterAll(() => ledger?.net.stop());

  describe('icrc2_approve', () => {
    it('sets the allowance and charges the fee to the approver', async () => {
      const [before, supply] = [await balance(), await ledger.controller().icrc1_total_supply()];
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(leasing), 10_000n)));
      expect(await allowance()).toEqual({ allowance: 10_000n, expires_at: [] });
      expect(await balance()).toBe(before - FEE);
      expect(await ledger.controller().icrc1_total_supply()).toBe(supply - FEE);
    });

    it('replaces, not adds to, the allowance; an approval of 0 removes it', async () => {
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(carol), 300n)));
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(carol), 200n, { fee: [FEE] })));
      expect((await allowance(alice, carol)).allowance).toBe(200n);
      const stored = await ledger.count('allowances');
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(carol), 0n)));
      expect(await allowance(alice, carol)).toEqual({ allowance: 0n, expires_at: [] });
      expect(await ledger.count('allowances')).toBe(stored! - 1n);
    });

    it('refuses a wrong fee with BadFee, and an approver who cannot pay it with InsufficientFunds', async () => {
      expect(await ledger.as(alice).icrc2_approve(approveArg(account(carol), 1n, { fee: [1n] }))).toEqual({
        Err: { BadFee: { expected_fee: FEE } },
      });
      expect(await ledger.as(bob).icrc2_approve(approveArg(account(carol), 1n))).toEqual({ Err: { InsufficientFunds: { balance: 5n } } });
      expect((await allowance(bob, carol)).allowance).toBe(0n);
    });

    it('refuses approving one\'s own principal, even another subaccount of it', async () => {
      expect(await ledger.as(alice).icrc2_approve(approveArg(account(alice, subaccount(1)), 1n))).toEqual(genericError(4n));
    });

    it('refuses approvals by the minting account and by the anonymous principal', async () => {
      expect(await ledger.as(minter).icrc2_approve(approveArg(account(carol), 1n))).toEqual(genericError(5n));
      expect(await ledger.as('anonymous').icrc2_approve(approveArg(account(carol), 1n))).toEqual(genericError(1n));
    });

    it('enforces expected_allowance with AllowanceChanged { current_allowance }', async () => {
      expect(await ledger.as(alice).icrc2_approve(approveArg(account(leasing), 1n, { expected_allowance: [9_999n] }))).toEqual({
        Err: { AllowanceChanged: { current_allowance: 10_000n } },
      });
      expect(await ledger.as(alice).icrc2_approve(approveArg(account(leasing), 1n, { expected_allowance: [U64_MAX + 1n] }))).toEqual({
        Err: { AllowanceChanged: { current_allowance: 10_000n } },
      });
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(leasing), 20_000n, { expected_allowance: [10_000n] })));
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(bob), 1n, { expected_allowance: [0n] })));
      expect((await allowance()).allowance).toBe(20_000n);
    });

    it('refuses an expiry that is not in the future with Expired { ledger_time }', async () => {
      for (const expires of [now(), now() - 1n]) {
        expect(await ledger.as(alice).icrc2_approve(approveArg(account(carol), 1n, { expires_at: [expires] }))).toEqual({
          Err: { Expired: { ledger_time: now() } },
        });
      }
    });

    it('caps an allowance above u64 at u64::MAX', async () => {
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(carol), U64_MAX * 2n)));
      expect((await allowance(alice, carol)).allowance).toBe(U64_MAX);
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(carol), 0n)));
    });

    it('keeps allowances per (account, spender account), subaccounts included', async () => {
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(carol, subaccount(2)), 70n, { from_subaccount: [subaccount(0)] })));
      expect((await allowance(alice, carol, undefined, subaccount(2))).allowance).toBe(70n);
      expect((await allowance(alice, carol, subaccount(0), subaccount(2))).allowance).toBe(70n);
      expect((await allowance(alice, carol)).allowance).toBe(0n);
      expect((await allowance(alice, carol, subaccount(1), subaccount(2))).allowance).toBe(0n);
    });
  });

  describe('expiry', () => {
    it('stops counting an allowance once it expires, and a timer then removes it', async () => {
      const dave = newIdentity();
      const expiresAt = now() + 30n * SECOND_NS;
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(dave), 500n, { expires_at: [expiresAt] })));
      expect(await allowance(alice, dave)).toEqual({ allowance: 500n, expires_at: [expiresAt] });
      const stored = await ledger.count('allowances');

      await ledger.net.advanceTime(30_000);
      expect(await allowance(alice, dave)).toEqual({ allowance: 0n, expires_at: [] });
      expect(await ledger.as(dave).icrc2_transfer_from(transferFromArg(account(alice), account(dave), 1n))).toEqual({
        Err: { InsufficientAllowance: { allowance: 0n } },
      });
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(dave), 0n, { expected_allowance: [0n] })));

      const eve = newIdentity();
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(eve), 500n, { expires_at: [now() + SECOND_NS] })));
      await ledger.net.advanceTime(61_000);
      expect(await ledger.count('allowances')).toBe(stored! - 1n);
    });
  });

  describe('icrc2_transfer_from', () => {
    it('moves tokens for the spender and reduces the allowance by amount + fee', async () => {
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(leasing), 1_000n)));
      const [from, to] = [await balance(alice), await balance(carol)];
      okOf(await ledger.as(leasing).icrc2_transfer_from(transferFromArg(account(alice), account(carol), 400n)));
      expect(await balance(alice)).toBe(from - 400n - FEE);
      expect(await balance(carol)).toBe(to + 400n);
      expect((await allowance()).allowance).toBe(1_000n - 400n - FEE);
    });

    it('refuses more than the allowance covers (fee included) with InsufficientAllowance { allowance }', async () => {
      const left = (await allowance()).allowance;
      expect(await ledger.as(leasing).icrc2_transfer_from(transferFromArg(account(alice), account(carol), left - FEE + 1n))).toEqual({
        Err: { InsufficientAllowance: { allowance: left } },
      });
      okOf(await ledger.as(leasing).icrc2_transfer_from(transferFromArg(account(alice), account(carol), left - FEE, { fee: [FEE] })));
      expect(await allowance()).toEqual({ allowance: 0n, expires_at: [] });
    });

    it('refuses a wrong fee with BadFee', async () => {
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(leasing), 1_000n)));
      expect(await ledger.as(leasing).icrc2_transfer_from(transferFromArg(account(alice), account(carol), 1n, { fee: [0n] }))).toEqual({
        Err: { BadFee: { expected_fee: FEE } },
      });
    });

    it('refuses what the owner\'s balance cannot cover with InsufficientFunds, after the allowance check', async () => {
      okOf(await ledger.as(minter).icrc1_transfer(transferArg(account(carol, subaccount(3)), 100n)));
      okOf(await ledger.as(carol).icrc2_approve(approveArg(account(leasing), 10_000n, { from_subaccount: [subaccount(3)] })));
      expect(await ledger.as(leasing).icrc2_transfer_from(transferFromArg(account(carol, subaccount(3)), account(bob), 90n))).toEqual({
        Err: { InsufficientFunds: { balance: 90n } },
      });
      expect(await ledger.as(leasing).icrc2_transfer_from(transferFromArg(account(carol, subaccount(3)), account(bob), 20_000n))).toEqual({
        Err: { InsufficientAllowance: { allowance: 10_000n } },
      });
    });

    it('uses the allowance of the caller\'s own spender subaccount only', async () => {
      const frank = newIdentity();
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(frank, subaccount(9)), 100n)));
      expect(await ledger.as(frank).icrc2_transfer_from(transferFromArg(account(alice), account(frank), 10n))).toEqual({
        Err: { InsufficientAllowance: { allowance: 0n } },
      });
      okOf(await ledger.as(frank).icrc2_transfer_from(transferFromArg(account(alice), account(frank), 10n, { spender_subaccount: [subaccount(9)] })));
      expect((await allowance(alice, frank, undefined, subaccount(9))).allowance).toBe(100n - 10n - FEE);
    });

    it('lets an owner spend its own account through transfer_from without an allowance', async () => {
      const before = await balance(alice);
      okOf(await ledger.as(alice).icrc2_transfer_from(transferFromArg(account(alice, subaccount(0)), account(bob), 10n)));
      expect(await balance(alice)).toBe(before - 10n - FEE);
    });

    it('burns through an allowance when sending to the minting account, reducing it by the amount only', async () => {
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(leasing), 1_000n)));
      const [before, supply] = [await balance(alice), await ledger.controller().icrc1_total_supply()];
      okOf(await ledger.as(leasing).icrc2_transfer_from(transferFromArg(account(alice), account(minter), 300n)));
      expect(await balance(alice)).toBe(before - 300n);
      expect(await ledger.controller().icrc1_total_supply()).toBe(supply - 300n);
      expect((await allowance()).allowance).toBe(700n);
      expect(await ledger.as(leasing).icrc2_transfer_from(transferFromArg(account(alice), account(minter), 800n))).toEqual({
        Err: { InsufficientAllowance: { allowance: 700n } },
      });
    });

    it('refuses transfer_from out of the minting account and from the anonymous principal', async () => {
      expect(await ledger.as(leasing).icrc2_transfer_from(transferFromArg(account(minter), account(bob), 1n))).toEqual(genericError(5n));
      expect(await ledger.as('anonymous').icrc2_transfer_from(transferFromArg(account(alice), account(bob), 1n))).toEqual(genericError(1n));
    });

    it('lets an allowance be used until exhausted by several transfers', async () => {
      okOf(await ledger.as(alice).icrc2_approve(approveArg(account(leasing), 3n * (100n + FEE))));
      for (let i = 0; i < 3; i++) okOf(await ledger.as(leasing).icrc2_transfer_from(transferFromArg(account(alice), account(carol), 100n)));
      expect(await ledger.as(leasing).icrc2_transfer_from(transferFromArg(account(alice), account(carol), 0n))).toEqual({
        Err: { InsufficientAllowance: { allowance: 0n } },
      });
    });
  });
});
