/**
 * ICRC-1 on the ledger's real wasm: token metadata, fees and BadFee, the default subaccount, InsufficientFunds,
 * memos, mints from and burns to the minting account (BadBurn), total supply, and refused callers and accounts.
 */
import { CallRejectedError } from 'localnet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  account,
  FEE,
  genericError,
  type LedgerFixture,
  newIdentity,
  okOf,
  startLedger,
  subaccount,
  transferArg,
  U64_MAX,
} from './support/ledger-fixture';

describe('ledger: ICRC-1', () => {
  let ledger: LedgerFixture;
  const minter = newIdentity();
  const alice = newIdentity();
  const bob = newIdentity();
  const carol = newIdentity();
  const INITIAL = 1_000_000n;

  const balance = (owner = alice, sub?: Uint8Array) => ledger.controller().icrc1_balance_of(account(owner, sub));
  const supply = () => ledger.controller().icrc1_total_supply();
  const logLength = async () => (await ledger.controller().icrc3_get_blocks([])).log_length;

  beforeAll(async () => {
    ledger = await startLedger({ minting_account: account(minter), initial_balances: [[account(alice), INITIAL]] });
  });
  afterAll(() => ledger?.net.stop());

  describe('token description', () => {
    it('is shaped like ckBTC: name, symbol, 8 decimals, fee 10', async () => {
      const api = ledger.controller();
      expect(await api.icrc1_name()).toBe('Local ckBTC');
      expect(await api.icrc1_symbol()).toBe('ckBTC');
      expect(await api.icrc1_decimals()).toBe(8);
      expect(await api.icrc1_fee()).toBe(FEE);
    });

    it('publishes the icrc1 metadata keys with the same values as the methods', async () => {
      const entries = new Map(await ledger.controller().icrc1_metadata());
      expect(entries.get('icrc1:name')).toEqual({ Text: 'Local ckBTC' });
      expect(entries.get('icrc1:symbol')).toEqual({ Text: 'ckBTC' });
      expect(entries.get('icrc1:decimals')).toEqual({ Nat: 8n });
      expect(entries.get('icrc1:fee')).toEqual({ Nat: FEE });
      expect(entries.get('icrc1:max_memo_length')).toEqual({ Nat: 32n });
      for (const key of entries.keys()) expect(key).toMatch(/^[^:]+:.+$/);
    });

    it('lists ICRC-1, ICRC-2, ICRC-3 and ICRC-10 in both supported-standards endpoints', async () => {
      const api = ledger.controller();
      for (const standards of [await api.icrc1_supported_standards(), await api.icrc10_supported_standards()]) {
        expect(standards.map((s) => s.name)).toEqual(['ICRC-1', 'ICRC-2', 'ICRC-3', 'ICRC-10']);
        for (const { url } of standards) expect(url).toMatch(/^https:\/\/github\.com\/dfinity\//);
      }
    });

    it('reports the minting account given at install', async () => {
      expect(await ledger.controller().icrc1_minting_account()).toEqual([account(minter)]);
    });

    it('starts with the initial balances as supply', async () => {
      expect(await balance()).toBe(INITIAL);
      expect(await supply()).toBe(INITIAL);
      expect(await logLength()).toBe(1n);
    });
  });

  describe('transfers and fees', () => {
    it('moves the amount, charges the default fee to the sender and burns it', async () => {
      const [before, supplyBefore] = [await balance(), await supply()];
      const index = okOf(await ledger.as(alice).icrc1_transfer(transferArg(account(bob), 1_000n)));
      expect(index).toBe((await logLength()) - 1n);
      expect(await balance()).toBe(before - 1_000n - FEE);
      expect(await balance(bob)).toBe(1_000n);
      expect(await supply()).toBe(supplyBefore - FEE);
    });

    it('accepts the exact fee when given', async () => {
      okOf(await ledger.as(alice).icrc1_transfer(transferArg(account(bob), 1n, { fee: [FEE] })));
    });

    it('refuses any other fee with BadFee { expected_fee } and changes nothing', async () => {
      const [before, length] = [await balance(), await logLength()];
      for (const fee of [0n, FEE - 1n, FEE + 1n, 10n ** 30n]) {
        expect(await ledger.as(alice).icrc1_transfer(transferArg(account(bob), 5n, { fee: [fee] }))).toEqual({
          Err: { BadFee: { expected_fee: FEE } },
        });
      }
      expect(await balance()).toBe(before);
      expect(await logLength()).toBe(length);
    });

    it('charges the fee on a zero-amount transfer and on a transfer to oneself', async () => {
      const before = await balance();
      okOf(await ledger.as(alice).icrc1_transfer(transferArg(account(bob), 0n)));
      okOf(await ledger.as(alice).icrc1_transfer(transferArg(account(alice), 100n)));
      expect(await balance()).toBe(before - 2n * FEE);
    });

    it('refuses what the balance cannot cover with InsufficientFunds { balance }', async () => {
      const have = await balance(bob);
      const length = await logLength();
      expect(await ledger.as(bob).icrc1_transfer(transferArg(account(carol), have - FEE + 1n))).toEqual({
        Err: { InsufficientFunds: { balance: have } },
      });
      expect(await ledger.as(bob).icrc1_transfer(transferArg(account(carol), U64_MAX + 1n))).toEqual({
        Err: { InsufficientFunds: { balance: have } },
      });
      expect(await ledger.as(carol).icrc1_transfer(transferArg(account(bob), 0n))).toEqual({
        Err: { InsufficientFunds: { balance: 0n } },
      });
      expect(await logLength()).toBe(length);
    });

    it('lets a balance be spent to exactly zero, which stops counting the account', async () => {
      const accounts = await ledger.count('accounts');
      const have = await balance(bob);
      okOf(await ledger.as(bob).icrc1_transfer(transferArg(account(carol), have - FEE)));
      expect(await balance(bob)).toBe(0n);
      expect(await balance(carol)).toBe(have - FEE);
      expect(await ledger.count('accounts')).toBe(accounts);
    });
  });

  describe('subaccounts', () => {
    it('treats a null subaccount and 32 zero bytes as the same account', async () => {
      expect(await balance(alice, subaccount(0))).toBe(await balance(alice));
      const before = await balance();
      okOf(await ledger.as(alice).icrc1_transfer(transferArg(account(bob, subaccount(0)), 50n, { from_subaccount: [subaccount(0)] })));
      expect(await balance()).toBe(before - 50n - FEE);
      expect(await balance(bob)).toBe(50n);
      expect(await balance(bob, subaccount(0))).toBe(50n);
    });

    it('keeps other subaccounts apart, and lets their owner spend from them', async () => {
      okOf(await ledger.as(alice).icrc1_transfer(transferArg(account(alice, subaccount(7)), 500n)));
      expect(await balance(alice, subaccount(7))).toBe(500n);
      okOf(await ledger.as(alice).icrc1_transfer(transferArg(account(carol), 100n, { from_subaccount: [subaccount(7)] })));
      expect(await balance(alice, subaccount(7))).toBe(500n - 100n - FEE);
      expect(await ledger.as(bob).icrc1_transfer(transferArg(account(carol), 1n, { from_subaccount: [subaccount(7)] }))).toEqual({
        Err: { InsufficientFunds: { balance: 0n } },
      });
    });

    it('refuses subaccounts that are not 32 bytes', async () => {
      const short = new Uint8Array(31);
      expect(await ledger.as(alice).icrc1_transfer(transferArg(account(bob, short), 1n))).toEqual(genericError(2n));
      expect(await ledger.as(alice).icrc1_transfer(transferArg(account(bob), 1n, { from_subaccount: [new Uint8Array(33)] }))).toEqual(
        genericError(2n),
      );
      await expect(ledger.controller().icrc1_balance_of(account(bob, short))).rejects.toBeInstanceOf(CallRejectedError);
    });
  });

  describe('memos', () => {
    it('accepts memos up to 32 bytes and refuses longer ones', async () => {
      okOf(await ledger.as(alice).icrc1_transfer(transferArg(account(bob), 1n, { memo: [new Uint8Array(32).fill(7)] })));
      okOf(await ledger.as(alice).icrc1_transfer(transferArg(account(bob), 1n, { memo: [new Uint8Array(0)] })));
      expect(await ledger.as(alice).icrc1_transfer(transferArg(account(bob), 1n, { memo: [new Uint8Array(33)] }))).toEqual(genericError(3n));
    });
  });

  describe('minting account', () => {
    it('mints: a transfer from it creates tokens without a fee', async () => {
      const supplyBefore = await supply();
      okOf(await ledger.as(minter).icrc1_transfer(transferArg(account(carol), 5_000n)));
      okOf(await ledger.as(minter).icrc1_transfer(transferArg(account(carol), 1n, { fee: [0n] })));
      expect(await supply()).toBe(supplyBefore + 5_001n);
      expect(await balance(minter)).toBe(0n);
    });

    it('refuses a mint with a non-zero fee with BadFee { expected_fee = 0 }', async () => {
      expect(await ledger.as(minter).icrc1_transfer(transferArg(account(carol), 5n, { fee: [FEE] }))).toEqual({
        Err: { BadFee: { expected_fee: 0n } },
      });
    });

    it('refuses a mint that would take the supply past u64', async () => {
      expect(await ledger.as(minter).icrc1_transfer(transferArg(account(carol), U64_MAX))).toEqual(genericError(6n));
    });

    it('burns: a transfer to it destroys tokens without a fee', async () => {
      const [before, supplyBefore] = [await balance(carol), await supply()];
      okOf(await ledger.as(carol).icrc1_transfer(transferArg(account(minter), 100n)));
      okOf(await ledger.as(carol).icrc1_transfer(transferArg(account(minter, subaccount(0)), FEE, { fee: [0n] })));
      expect(await balance(carol)).toBe(before - 100n - FEE);
      expect(await supply()).toBe(supplyBefore - 100n - FEE);
    });

    it('refuses burns below the minimum (the fee) with BadBurn, and a burn fee with BadFee', async () => {
      expect(await ledger.as(carol).icrc1_transfer(transferArg(account(minter), FEE - 1n))).toEqual({
        Err: { BadBurn: { min_burn_amount: FEE } },
      });
      expect(await ledger.as(carol).icrc1_transfer(transferArg(account(minter), 0n))).toEqual({
        Err: { BadBurn: { min_burn_amount: FEE } },
      });
      expect(await ledger.as(carol).icrc1_transfer(transferArg(account(minter), 100n, { fee: [FEE] }))).toEqual({
        Err: { BadFee: { expected_fee: 0n } },
      });
    });

    it('lets a balance below the fee be burnt whole (the minimum is then the balance)', async () => {
      const dave = newIdentity();
      okOf(await ledger.as(minter).icrc1_transfer(transferArg(account(dave), 7n)));
      expect(await ledger.as(dave).icrc1_transfer(transferArg(account(minter), 6n))).toEqual({ Err: { BadBurn: { min_burn_amount: 7n } } });
      okOf(await ledger.as(dave).icrc1_transfer(transferArg(account(minter), 7n)));
      expect(await balance(dave)).toBe(0n);
      expect(await ledger.as(dave).icrc1_transfer(transferArg(account(minter), 1n))).toEqual({ Err: { InsufficientFunds: { balance: 0n } } });
    });

    it('keeps total supply equal to the sum of balances', async () => {
      const holders = [alice, bob, carol].map((owner) => balance(owner));
      const extra = balance(alice, subaccount(7));
      const sum = (await Promise.all([...holders, extra])).reduce((a, b) => a + b, 0n);
      expect(await supply()).toBe(sum);
    });
  });

  describe('callers', () => {
    it('refuses the anonymous principal as a sender', async () => {
      expect(await ledger.as('anonymous').icrc1_transfer(transferArg(account(bob), 0n))).toEqual(genericError(1n));
    });
  });
});
