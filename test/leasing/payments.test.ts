/**
 * Every failure path of the leasing canister's payments, on the real leasing and ledger wasm: no allowance,
 * insufficient funds and an unreachable ledger when a lease starts (nothing taken); a ledger stopped while
 * payouts are owed (they wait in the stable outbox and are retried until paid); a ledger stopped when rent falls
 * due (no late fee, retried later); and the escrow reconciled against the ledger throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { account, DAY_MS, FEE, type Lease, type LeasingFixture, leaseTerms, newIdentity, okOf, startLeasing } from './support/fixture';

const START = 57_000n;

describe('leasing: payment failures', () => {
  let fx: LeasingFixture;
  const operator = newIdentity();
  const owner = newIdentity();
  let serial = 0;

  /** A fresh battery of `owner` listed for lease; returns its token id and listing id. */
  async function listed(): Promise<{ token_id: bigint; listing_id: bigint }> {
    const tokenId = await fx.register(operator, `P-${++serial}`, { owner: [account(owner)] });
    const listing = okOf(await fx.leasing(owner).list_for_lease(tokenId, [], leaseTerms()));
    return { token_id: tokenId, listing_id: listing.listing_id };
  }
  async function leased(lessee = newIdentity()): Promise<Lease> {
    await fx.fund(lessee, 1_000_000n);
    await fx.approve(lessee, 1_000_000n);
    const lease = okOf(await fx.leasing(lessee).request_lease({ ...(await listed()), duration_days: 28 }));
    await fx.settle();
    return lease;
  }
  const count = async (name: string) => (await fx.leasing().status()).counts.find(([key]) => key === name)?.[1];
  const reconcile = async () => okOf(await fx.leasing(operator).reconcile_escrow());

  beforeAll(async () => {
    fx = await startLeasing();
    await fx.grant(operator, { fleet_operator: null });
  });
  afterAll(() => fx?.net.stop());

  describe('when a lease starts', () => {
    it('refuses without an allowance, taking nothing and keeping the listing', async () => {
      const lessee = newIdentity();
      await fx.fund(lessee, 1_000_000n);
      const offer = await listed();
      expect(await fx.leasing(lessee).request_lease({ ...offer, duration_days: 28 })).toEqual({
        Err: { InsufficientAllowance: { allowance: 0n, required: START + FEE } },
      });
      expect(await fx.balance(lessee)).toBe(1_000_000n);
      expect(await fx.leasing().get_listing(offer.token_id)).toHaveLength(1);
      expect(await fx.leasing().lease_of_battery(offer.token_id)).toEqual([]);
      expect(await count('payments_unresolved')).toBe(0n);
    });

    it('refuses when the lessee cannot pay, taking nothing', async () => {
      const lessee = newIdentity();
      await fx.fund(lessee, 1_000n);
      await fx.approve(lessee, 100_000n);
      expect(await fx.leasing(lessee).request_lease({ ...(await listed()), duration_days: 28 })).toEqual({
        Err: { InsufficientFunds: { balance: 1_000n - FEE, required: START + FEE } },
      });
      expect(await fx.balance(lessee)).toBe(1_000n - FEE);
    });

    it('refuses while the ledger is stopped, taking nothing', async () => {
      const lessee = newIdentity();
      await fx.fund(lessee, 1_000_000n);
      await fx.approve(lessee, 1_000_000n);
      const offer = await listed();
      await fx.setLedgerRunning(false);
      try {
        expect(await fx.leasing(lessee).request_lease({ ...offer, duration_days: 28 })).toEqual({
          Err: { PaymentFailed: { reason: expect.stringContaining('could not be reached') } },
        });
      } finally {
        await fx.setLedgerRunning(true);
      }
      expect(await fx.balance(lessee)).toBe(1_000_000n - FEE);
      expect(await fx.leasing().get_listing(offer.token_id)).toHaveLength(1);
      expect(await count('payments_unresolved')).toBe(0n);
    });

    it('refuses requests that do not match the listing', async () => {
      const lessee = newIdentity();
      const offer = await listed();
      expect(await fx.leasing(lessee).request_lease({ ...offer, duration_days: 10 })).toEqual({
        Err: { InvalidArgument: expect.objectContaining({ field: 'duration_days' }) },
      });
      expect(await fx.leasing(lessee).request_lease({ ...offer, listing_id: offer.listing_id + 100n, duration_days: 14 })).toEqual({
        Err: { NotFound: expect.objectContaining({ kind: 'listing' }) },
      });
      expect(await fx.leasing(owner).request_lease({ ...offer, duration_days: 14 })).toEqual({
        Err: { InvalidArgument: expect.objectContaining({ field: 'listing_id' }) },
      });
    });
  });

  describe('when the ledger stops with payouts owed', () => {
    it('keeps them in the outbox, retries with backoff and pays each exactly once when the ledger is back', async () => {
      const lessee = newIdentity();
      const lease = await leased(lessee);
      const [ownerBefore, lesseeBefore] = [await fx.balance(owner), await fx.balance(lessee)];
      await fx.setLedgerRunning(false);
      try {
        // Returned at once: the deposit pays the rest of the 14-day minimum term (7_000) to the owner.
        okOf(await fx.leasing(owner).return_lease(lease.id));
        await fx.settle();
        await fx.net.advanceTime(60_000);
        const pending = okOf(await fx.leasing(operator).pending_payouts());
        expect(pending.map((p) => [p.reason, p.amount])).toEqual([
          [{ DepositClaim: { lease_id: lease.id } }, 7_000n],
          [{ DepositReturn: { lease_id: lease.id } }, 43_000n],
        ]);
        for (const payout of pending) {
          expect(payout.attempts).toBeGreaterThan(1);
          expect(payout.last_error[0]).toContain('IC0508');
        }
        expect(await fx.leasing(operator).reconcile_escrow()).toEqual({ Err: { Unavailable: { reason: expect.stringContaining('unreachable') } } });
      } finally {
        await fx.setLedgerRunning(true);
      }
      await fx.net.advanceTime(5 * 60_000);
      expect(okOf(await fx.leasing(operator).pending_payouts())).toEqual([]);
      expect(await fx.balance(lessee)).toBe(lesseeBefore + 43_000n - FEE);
      expect(await fx.balance(owner)).toBe(ownerBefore + 7_000n - FEE);
      await fx.net.advanceTime(10 * 60_000);
      expect(await fx.balance(lessee)).toBe(lesseeBefore + 43_000n - FEE);
      expect(await reconcile()).toMatchObject({ surplus: 0n, total_owed: 0n, pending_payouts: 0n });
    });
  });

  describe('when the ledger stays stopped longer than its deduplication window', () => {
    it('re-dates the payouts it calls too old (no attempt can have gone through) and pays them once', async () => {
      const lessee = newIdentity();
      const lease = await leased(lessee);
      const lesseeBefore = await fx.balance(lessee);
      await fx.setLedgerRunning(false);
      try {
        okOf(await fx.leasing(owner).return_lease(lease.id));
        await fx.net.advanceTime(25 * 3_600_000);
      } finally {
        await fx.setLedgerRunning(true);
      }
      await fx.net.advanceTime(10 * 60_000);
      const history = (await fx.ledger().icrc3_get_blocks([{ start: 0n, length: 1_000n }])).blocks.length;
      expect(okOf(await fx.leasing(operator).pending_payouts())).toEqual([]);
      expect(await fx.balance(lessee)).toBe(lesseeBefore + 43_000n - FEE);
      await fx.net.advanceTime(10 * 60_000);
      expect((await fx.ledger().icrc3_get_blocks([{ start: 0n, length: 1_000n }])).blocks.length).toBe(history);
      expect(await reconcile()).toMatchObject({ surplus: 0n, total_owed: 0n });
    });
  });

  describe('when the ledger is stopped as rent falls due', () => {
    it('charges no late fee and takes the rent once the ledger is back', async () => {
      const lease = await leased();
      await fx.setLedgerRunning(false);
      try {
        await fx.net.advanceTime(7 * DAY_MS);
        expect(okOf(await fx.leasing().get_lease(lease.id))).toMatchObject({ status: { Active: null }, unpaid_rent: 0n, rent_paid: 7_000n });
      } finally {
        await fx.setLedgerRunning(true);
      }
      await fx.net.advanceTime(3_600_000);
      expect(okOf(await fx.leasing().get_lease(lease.id))).toMatchObject({ status: { Active: null }, unpaid_rent: 0n, rent_paid: 14_000n });
      expect(await reconcile()).toMatchObject({ surplus: 0n, deposits_held: 50_000n, open_leases: 1n });
      okOf(await fx.leasing(owner).return_lease(lease.id));
      await fx.settle();
    });
  });

  describe('escrow reconciliation', () => {
    it('is for fleet operators and admins', async () => {
      const stranger = newIdentity();
      expect(await fx.leasing(stranger).reconcile_escrow()).toEqual({
        Err: { Unauthorized: { caller: stranger.getPrincipal(), required: { Role: { fleet_operator: null } } } },
      });
      okOf(await fx.leasing().reconcile_escrow());
    });

    it('counts open deposits as owed and shows money sent to the escrow directly as surplus', async () => {
      await leased();
      const donor = newIdentity();
      await fx.fund(donor, 1_000n);
      okOf(await fx.ledger(donor).icrc1_transfer({ to: account(fx.ids.leasing!), amount: 500n, fee: [], memo: [], from_subaccount: [], created_at_time: [] }));
      expect(await reconcile()).toMatchObject({ ledger_balance: 50_500n, deposits_held: 50_000n, total_owed: 50_000n, surplus: 500n });
    });
  });
});
