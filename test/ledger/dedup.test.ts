/**
 * ICRC-1 transaction deduplication on the ledger's real wasm, under a manual clock: Duplicate with duplicate_of,
 * what makes two requests the same transaction, the TooOld and CreatedInFuture boundaries (TX_WINDOW 24 h,
 * PERMITTED_DRIFT 2 min), and the index being pruned by a timer once its window has passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  account,
  approveArg,
  FEE,
  type LedgerFixture,
  newIdentity,
  okOf,
  PERMITTED_DRIFT_NS,
  startLedger,
  subaccount,
  transferArg,
  transferFromArg,
  TX_WINDOW_NS,
} from './support/ledger-fixture';

describe('ledger: deduplication', () => {
  let ledger: LedgerFixture;
  const minter = newIdentity();
  const alice = newIdentity();
  const bob = newIdentity();
  const spender = newIdentity();

  const balance = (owner = alice) => ledger.controller().icrc1_balance_of(account(owner));
  const now = () => ledger.net.now();

  beforeAll(async () => {
    ledger = await startLedger({ minting_account: account(minter), initial_balances: [[account(alice), 1_000_000n]] });
  });
  afterAll(() => ledger?.net.stop());

  describe('Duplicate', () => {
    it('answers a repeated transfer with Duplicate { duplicate_of } and applies it once', async () => {
      const arg = transferArg(account(bob), 100n, { created_at_time: [now()], memo: [Uint8Array.of(1)] });
      const first = okOf(await ledger.as(alice).icrc1_transfer(arg));
      const afterFirst = await balance();
      expect(await ledger.as(alice).icrc1_transfer(arg)).toEqual({ Err: { Duplicate: { duplicate_of: first } } });
      expect(await balance()).toBe(afterFirst);
    });

    it('treats requests differing in any field, or in the caller, as different transactions', async () => {
      const base = transferArg(account(bob), 100n, { created_at_time: [now()], memo: [Uint8Array.of(2)] });
      okOf(await ledger.as(alice).icrc1_transfer(base));
      okOf(await ledger.as(alice).icrc1_transfer({ ...base, memo: [Uint8Array.of(3)] }));
      okOf(await ledger.as(alice).icrc1_transfer({ ...base, amount: 101n }));
      okOf(await ledger.as(alice).icrc1_transfer({ ...base, fee: [FEE] }));
      okOf(await ledger.as(alice).icrc1_transfer({ ...base, created_at_time: [now() - 1n] }));
      okOf(await ledger.as(alice).icrc1_transfer({ ...base, to: account(bob, subaccount(1)) }));
      okOf(await ledger.as(bob).icrc1_transfer({ ...base, to: account(alice), amount: 1n }));
      okOf(await ledger.as(bob).icrc1_transfer({ ...base, to: account(alice), amount: 1n, memo: [] }));
    });

    it('keeps a null and an explicit default subaccount apart, as the payloads differ (like DFINITY\'s ledger)', async () => {
      const base = transferArg(account(bob), 7n, { created_at_time: [now()], memo: [Uint8Array.of(4)] });
      okOf(await ledger.as(alice).icrc1_transfer(base));
      okOf(await ledger.as(alice).icrc1_transfer({ ...base, from_subaccount: [subaccount(0)] }));
      expect(await ledger.as(alice).icrc1_transfer({ ...base, from_subaccount: [subaccount(0)] })).toMatchObject({ Err: { Duplicate: {} } });
    });

    it('never deduplicates requests without created_at_time', async () => {
      const arg = transferArg(account(bob), 100n, { memo: [Uint8Array.of(5)] });
      const first = okOf(await ledger.as(alice).icrc1_transfer(arg));
      expect(okOf(await ledger.as(alice).icrc1_transfer(arg))).toBe(first + 1n);
    });

    it('deduplicates mints, approvals and transfer_from too', async () => {
      const at: [bigint] = [now()];
      const mint = transferArg(account(bob), 1_000n, { created_at_time: at });
      const minted = okOf(await ledger.as(minter).icrc1_transfer(mint));
      expect(await ledger.as(minter).icrc1_transfer(mint)).toEqual({ Err: { Duplicate: { duplicate_of: minted } } });

      const approve = approveArg(account(spender), 10_000n, { created_at_time: at });
      const approved = okOf(await ledger.as(alice).icrc2_approve(approve));
      expect(await ledger.as(alice).icrc2_approve(approve)).toEqual({ Err: { Duplicate: { duplicate_of: approved } } });

      const pull = transferFromArg(account(alice), account(spender), 500n, { created_at_time: at });
      const pulled = okOf(await ledger.as(spender).icrc2_transfer_from(pull));
      expect(await ledger.as(spender).icrc2_transfer_from(pull)).toEqual({ Err: { Duplicate: { duplicate_of: pulled } } });
      expect((await ledger.controller().icrc2_allowance({ account: account(alice), spender: account(spender) })).allowance).toBe(
        10_000n - 500n - FEE,
      );
    });

    it('checks the fee before deduplicating (BadFee for a repeat with a wrong fee)', async () => {
      const arg = transferArg(account(bob), 1n, { created_at_time: [now()], memo: [Uint8Array.of(6)] });
      okOf(await ledger.as(alice).icrc1_transfer(arg));
      expect(await ledger.as(alice).icrc1_transfer({ ...arg, fee: [1n] })).toEqual({ Err: { BadFee: { expected_fee: FEE } } });
    });
  });

  describe('time window', () => {
    it('accepts created_at_time down to now - TX_WINDOW - PERMITTED_DRIFT and refuses older with TooOld', async () => {
      const oldest = now() - TX_WINDOW_NS - PERMITTED_DRIFT_NS;
      expect(await ledger.as(alice).icrc1_transfer(transferArg(account(bob), 1n, { created_at_time: [oldest - 1n] }))).toEqual({
        Err: { TooOld: null },
      });
      okOf(await ledger.as(alice).icrc1_transfer(transferArg(account(bob), 1n, { created_at_time: [oldest] })));
    });

    it('accepts created_at_time up to now + PERMITTED_DRIFT and refuses later with CreatedInFuture { ledger_time }', async () => {
      const latest = now() + PERMITTED_DRIFT_NS;
      expect(await ledger.as(alice).icrc1_transfer(transferArg(account(bob), 1n, { created_at_time: [latest + 1n] }))).toEqual({
        Err: { CreatedInFuture: { ledger_time: now() } },
      });
      okOf(await ledger.as(alice).icrc1_transfer(transferArg(account(bob), 1n, { created_at_time: [latest] })));
    });

    it('applies the same window to approvals and transfer_from', async () => {
      const tooOld: [bigint] = [now() - TX_WINDOW_NS - PERMITTED_DRIFT_NS - 1n];
      const inFuture: [bigint] = [now() + PERMITTED_DRIFT_NS + 1n];
      expect(await ledger.as(alice).icrc2_approve(approveArg(account(spender), 1n, { created_at_time: tooOld }))).toEqual({ Err: { TooOld: null } });
      expect(await ledger.as(spender).icrc2_transfer_from(transferFromArg(account(alice), account(bob), 1n, { created_at_time: inFuture }))).toEqual({
        Err: { CreatedInFuture: { ledger_time: now() } },
      });
    });
  });

  describe('pruning', () => {
    it('remembers a transaction through its window, then answers TooOld and drops it with a timer', async () => {
      const fresh = await startLedger({ minting_account: account(minter), initial_balances: [[account(alice), 1_000n]] });
      try {
        const arg = transferArg(account(bob), 1n, { created_at_time: [fresh.net.now()] });
        const index = okOf(await fresh.as(alice).icrc1_transfer(arg));
        expect(await fresh.count('dedup_entries')).toBe(1n);

        await fresh.net.advanceTime(Number((TX_WINDOW_NS + PERMITTED_DRIFT_NS) / 1_000_000n) - 1_000);
        expect(await fresh.as(alice).icrc1_transfer(arg)).toEqual({ Err: { Duplicate: { duplicate_of: index } } });
        expect(await fresh.count('dedup_entries')).toBe(1n);

        await fresh.net.advanceTime(2_000);
        expect(await fresh.as(alice).icrc1_transfer(arg)).toEqual({ Err: { TooOld: null } });
        await fresh.net.advanceTime(60_000);
        expect(await fresh.count('dedup_entries')).toBe(0n);
      } finally {
        await fresh.net.stop();
      }
    });
  });
});
