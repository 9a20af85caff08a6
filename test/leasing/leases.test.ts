/**
 * The lease lifecycle on the real leasing and ledger wasm, under a manual clock: the start payment (deposit and
 * first period) through ICRC-2, rent charged on schedule and paid out to the lessor, an unpaid charge making the
 * lease overdue and the late fee collected with it, default after the grace period, a late return, and the
 * deposit settled on return (health penalty, minimum term), with the escrow reconciled against the ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { account, DAY_MS, FEE, type Lease, type LeasingFixture, leaseTerms, newIdentity, okOf, startLeasing } from './support/fixture';

const DAY_NS = 86_400_000_000_000n;
const START = 57_000n; // deposit 50_000 + a 7-day period at 1_000 a day
const FUNDED = 1_000_000n - FEE; // what a lessee has left after icrc2_approve's fee

describe('leasing: lease lifecycle', () => {
  let fx: LeasingFixture;
  const operator = newIdentity();
  const owner = newIdentity();

  /** Lists a fresh battery of `owner` for lease on the standard terms and leases it to `lessee` for `days`. */
  async function leaseOut(serial: string, lessee: ReturnType<typeof newIdentity>, days: number, allowance: bigint): Promise<Lease> {
    const tokenId = await fx.register(operator, serial, { owner: [account(owner)] });
    const listing = okOf(await fx.leasing(owner).list_for_lease(tokenId, [], leaseTerms()));
    await fx.fund(lessee, 1_000_000n);
    await fx.approve(lessee, allowance);
    const started = okOf(await fx.leasing(lessee).request_lease({ token_id: tokenId, listing_id: listing.listing_id, duration_days: days }));
    await fx.settle();
    return started;
  }
  const lease = async (id: bigint) => okOf(await fx.leasing().get_lease(id));
  const days = (n: number) => fx.net.advanceTime(n * DAY_MS);

  beforeAll(async () => {
    fx = await startLeasing();
    await fx.grant(operator, { fleet_operator: null });
  });
  afterAll(() => fx?.net.stop());

  describe('on schedule, returned with a health deduction', () => {
    const lessee = newIdentity();
    let started: Lease;

    it('starts once the deposit and the first period are paid, and pays the lessor the rent', async () => {
      const ownerBefore = await fx.balance(owner);
      started = await leaseOut('L-1', lessee, 28, 1_000_000n);
      expect(await fx.balance(owner)).toBe(ownerBefore + 7_000n - FEE);
      expect(started).toMatchObject({ status: { Active: null }, rent_paid: 7_000n, unpaid_rent: 0n, duration_days: 28, soh_at_start_bp: 9_800 });
      expect(started.ends_at).toBe(started.started_at + 28n * DAY_NS);
      expect(started.next_charge_at).toEqual([started.started_at + 7n * DAY_NS]);
      expect(await fx.balance(lessee)).toBe(FUNDED - START - FEE);
      expect(await fx.balance('escrow')).toBe(50_000n);
      expect(await fx.leasing().get_listing(started.token_id)).toEqual([]);
      expect(await fx.leasing().lease_of_battery(started.token_id)).toEqual([started]);
    });

    it('charges each period when it falls due', async () => {
      const ownerBefore = await fx.balance(owner);
      await days(7);
      expect((await lease(started.id)).rent_paid).toBe(14_000n);
      expect(await fx.balance(lessee)).toBe(FUNDED - START - 7_000n - 2n * FEE);
      await days(7);
      await days(7);
      const now = await lease(started.id);
      expect(now).toMatchObject({ rent_paid: 28_000n, next_charge_at: [], status: { Active: null } });
      expect(await fx.balance(owner)).toBe(ownerBefore + 3n * (7_000n - FEE));
      expect(await fx.balance('escrow')).toBe(50_000n);
    });

    it('is ended by the lessor, not the lessee, and keeps the health penalty from the deposit', async () => {
      okOf(await fx.leasingAs(fx.ids.telemetry!).update_battery_state(started.token_id, { cycle_count: [], state_of_health_bp: [9_500] }));
      await days(6);
      expect(await fx.leasing(lessee).return_lease(started.id)).toEqual({
        Err: { Unauthorized: { caller: lessee.getPrincipal(), required: { Role: { fleet_operator: null } } } },
      });
      const [ownerBefore, lesseeBefore] = [await fx.balance(owner), await fx.balance(lessee)];
      const returned = okOf(await fx.leasing(owner).return_lease(started.id));
      // 300 bp lost, 200 allowed: 100 bp at 100 each.
      expect(returned.status).toEqual({
        Returned: {
          at: fx.net.now(),
          unpaid_rent: 0n,
          late_fees: 0n,
          minimum_term: 0n,
          health_penalty: 10_000n,
          to_lessor: 10_000n,
          to_lessee: 40_000n,
          uncovered: 0n,
        },
      });
      expect(await fx.leasing(owner).return_lease(started.id)).toEqual({ Err: { Unavailable: expect.anything() } });
      await fx.settle();
      expect(await fx.balance(owner)).toBe(ownerBefore + 10_000n - FEE);
      expect(await fx.balance(lessee)).toBe(lesseeBefore + 40_000n - FEE);
      expect(await fx.balance('escrow')).toBe(0n);
      expect(await fx.leasing().lease_of_battery(started.token_id)).toEqual([]);
      expect(okOf(await fx.leasing(operator).reconcile_escrow())).toMatchObject({ ledger_balance: 0n, total_owed: 0n, surplus: 0n });
    });
  });

  describe('an unpaid charge', () => {
    const lessee = newIdentity();
    let started: Lease;

    it('makes the lease overdue from its due time, and a leased battery cannot be decommissioned', async () => {
      started = await leaseOut('L-2', lessee, 14, START + FEE);
      expect(await fx.leasing(owner).decommission_battery(started.token_id, [])).toEqual({ Err: { Unavailable: expect.anything() } });
      await days(7);
      expect(await lease(started.id)).toMatchObject({
        status: { Overdue: null },
        unpaid_rent: 7_000n,
        overdue_since: [started.started_at + 7n * DAY_NS],
        rent_paid: 7_000n,
      });
    });

    it('is collected a day later with one day of late fee once the lessee approves more', async () => {
      await fx.approve(lessee, 100_000n);
      const [ownerBefore, lesseeBefore] = [await fx.balance(owner), await fx.balance(lessee)];
      await days(1);
      expect(await lease(started.id)).toMatchObject({ status: { Active: null }, unpaid_rent: 0n, late_fees_paid: 500n, rent_paid: 14_000n, overdue_since: [] });
      expect(await fx.balance(lessee)).toBe(lesseeBefore - 7_500n - FEE);
      expect(await fx.balance(owner)).toBe(ownerBefore + 7_500n - FEE);
    });

    it('owes nothing more at an early return once the minimum term is paid', async () => {
      const returned = okOf(await fx.leasing(owner).return_lease(started.id));
      expect(returned.status).toMatchObject({ Returned: { to_lessor: 0n, to_lessee: 50_000n, minimum_term: 0n } });
      await fx.settle();
      expect(await fx.balance('escrow')).toBe(0n);
    });
  });

  describe('a lease that stays unpaid', () => {
    it('defaults after the grace period, forfeiting the deposit to the lessor', async () => {
      const lessee = newIdentity();
      const started = await leaseOut('L-3', lessee, 14, START + FEE);
      await days(7);
      await days(1);
      await days(1);
      expect((await lease(started.id)).status).toEqual({ Overdue: null });
      const ownerBefore = await fx.balance(owner);
      await days(1);
      const defaulted = await lease(started.id);
      expect(defaulted.status).toEqual({
        Defaulted: {
          at: started.started_at + 10n * DAY_NS,
          unpaid_rent: 7_000n,
          late_fees: 1_500n,
          minimum_term: 0n,
          health_penalty: 0n,
          to_lessor: 50_000n,
          to_lessee: 0n,
          uncovered: 0n,
        },
      });
      expect(defaulted.next_event_at).toEqual([]);
      expect(await fx.balance(owner)).toBe(ownerBefore + 50_000n - FEE);
      expect(await fx.leasing().lease_of_battery(started.token_id)).toEqual([]);
      okOf(await fx.leasing(owner).list_for_lease(started.token_id, [], leaseTerms()));
    });
  });

  describe('a battery not returned at the end of the term', () => {
    it('is overdue from the end and pays a late fee per day out of the deposit', async () => {
      const lessee = newIdentity();
      const started = await leaseOut('L-4', lessee, 14, 1_000_000n);
      await days(7);
      await days(7);
      expect(await lease(started.id)).toMatchObject({ status: { Overdue: null }, overdue_since: [started.ends_at], unpaid_rent: 0n });
      await days(2);
      const returned = okOf(await fx.leasing(owner).return_lease(started.id));
      expect(returned.status).toMatchObject({ Returned: { late_fees: 1_000n, to_lessor: 1_000n, to_lessee: 49_000n } });
    });
  });

  describe('an early return', () => {
    it('owes the rest of the minimum term out of the deposit', async () => {
      const lessee = newIdentity();
      const started = await leaseOut('L-5', lessee, 28, 1_000_000n);
      await days(3);
      const returned = okOf(await fx.leasing(operator).return_lease(started.id));
      expect(returned.status).toMatchObject({ Returned: { minimum_term: 7_000n, to_lessor: 7_000n, to_lessee: 43_000n } });
      await fx.settle();
      expect(okOf(await fx.leasing(operator).reconcile_escrow())).toMatchObject({ surplus: 0n, open_leases: 0n, pending_payouts: 0n });
    });
  });
});
