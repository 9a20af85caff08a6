/**
 * The battery market on the real leasing and ledger wasm: listing rules, a sale settling atomically from the
 * buyer's side (payment in and token out in one step, or the payment refunded when the listing changed while it
 * was made, or nothing taken when the payment fails), one payment at a time per battery, and a leased battery
 * sold with its lease (the rent then goes to the new holder).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { account, DAY_MS, FEE, type LeasingFixture, leaseTerms, newIdentity, okOf, startLeasing, subaccount } from './support/fixture';

const PRICE = 200_000n;

describe('leasing: marketplace', () => {
  let fx: LeasingFixture;
  const operator = newIdentity();
  const seller = newIdentity();
  const stranger = newIdentity();
  let serial = 0;

  const battery = () => fx.register(operator, `M-${++serial}`, { owner: [account(seller)] });
  async function forSale(price = PRICE): Promise<{ token_id: bigint; listing_id: bigint }> {
    const tokenId = await battery();
    const listing = okOf(await fx.leasing(seller).list_for_sale(tokenId, [], price));
    return { token_id: tokenId, listing_id: listing.listing_id };
  }
  async function buyer(allowance = PRICE + FEE, funds = 1_000_000n) {
    const identity = newIdentity();
    await fx.fund(identity, funds);
    await fx.approve(identity, allowance);
    return identity;
  }

  beforeAll(async () => {
    fx = await startLeasing();
    await fx.grant(operator, { fleet_operator: null });
  });
  afterAll(() => fx?.net.stop());

  describe('listings', () => {
    it('are made by the holder of the battery only, with valid terms', async () => {
      const tokenId = await battery();
      const refused = { Err: { Unauthorized: { caller: stranger.getPrincipal(), required: { SelfOrAdmin: null } } } };
      expect(await fx.leasing(stranger).list_for_sale(tokenId, [], PRICE)).toEqual(refused);
      expect(await fx.leasing(seller).list_for_sale(tokenId, [subaccount(1)], PRICE)).toEqual({ Err: { Unauthorized: expect.anything() } });
      expect(await fx.leasing(seller).list_for_sale(tokenId, [], 0n)).toEqual({ Err: { InvalidArgument: expect.objectContaining({ field: 'price' }) } });
      expect(await fx.leasing(seller).list_for_lease(tokenId, [], leaseTerms({ billing_period_days: 0 }))).toEqual({
        Err: { InvalidArgument: expect.objectContaining({ field: 'billing_period_days' }) },
      });
      expect(await fx.leasing(seller).list_for_lease(tokenId, [], leaseTerms({ min_days: 8, max_days: 13 }))).toEqual({
        Err: { InvalidArgument: expect.objectContaining({ field: 'max_days' }) },
      });
      expect(await fx.leasing(seller).list_for_lease(999n, [], leaseTerms())).toEqual({ Err: { NotFound: expect.anything() } });
      expect(await fx.leasing(seller).cancel_listing(2n ** 70n)).toEqual({ Err: { NotFound: expect.anything() } });
      expect(await fx.leasing().get_listing(2n ** 70n)).toEqual([]);
      expect(await fx.leasing().lease_of_battery(2n ** 70n)).toEqual([]);
    });

    it('get a new listing id when the offer changes, and are listed by token id', async () => {
      const tokenId = await battery();
      const first = okOf(await fx.leasing(seller).list_for_lease(tokenId, [], leaseTerms()));
      const second = okOf(await fx.leasing(seller).list_for_sale(tokenId, [], PRICE));
      expect(second.listing_id).toBeGreaterThan(first.listing_id);
      expect(await fx.leasing().get_listing(tokenId)).toEqual([second]);
      const all = await fx.leasing().listings([], []);
      expect(all.map((l) => l.token_id)).toEqual([...all.map((l) => l.token_id)].sort((a, b) => (a < b ? -1 : 1)));
      expect(await fx.leasing().listings([tokenId - 1n], [1n])).toEqual([second]);
    });

    it('end when the battery changes hands, and are cancelled by the seller or an admin only', async () => {
      const offer = await forSale();
      expect(await fx.leasing(stranger).cancel_listing(offer.token_id)).toEqual({ Err: { Unauthorized: expect.anything() } });
      okOf(await fx.leasing(seller).cancel_listing(offer.token_id));
      expect(await fx.leasing().get_listing(offer.token_id)).toEqual([]);
      const again = await forSale();
      okOf(await fx.leasing().cancel_listing(again.token_id));
      const moved = await forSale();
      okOf((await fx.leasing(seller).icrc7_transfer([{ token_id: moved.token_id, to: account(stranger), from_subaccount: [], memo: [], created_at_time: [] }]))[0]![0]!);
      expect(await fx.leasing().get_listing(moved.token_id)).toEqual([]);
    });
  });

  describe('a sale', () => {
    it('moves the payment in and the token out in one step, and pays the seller', async () => {
      const offer = await forSale();
      const who = await buyer();
      const sellerBefore = await fx.balance(seller);
      const purchase = okOf(await fx.leasing(who).buy_battery(offer));
      expect(purchase).toEqual({ token_id: offer.token_id, block_index: expect.any(BigInt), price: PRICE });
      expect(await fx.leasing().icrc7_owner_of([offer.token_id])).toEqual([[account(who)]]);
      expect(await fx.balance(who)).toBe(1_000_000n - FEE - PRICE - FEE);
      expect(await fx.leasing().get_listing(offer.token_id)).toEqual([]);
      const { blocks } = await fx.leasing().icrc3_get_blocks([{ start: purchase.block_index, length: 1n }]);
      expect(blocks[0]!.block).toMatchObject({ Map: expect.arrayContaining([['btype', { Text: '7xfer' }]]) });
      await fx.settle();
      expect(await fx.balance(seller)).toBe(sellerBefore + PRICE - FEE);
      expect(await fx.balance('escrow')).toBe(0n);
    });

    it('takes nothing and moves nothing when the buyer has not approved enough', async () => {
      const offer = await forSale();
      const who = await buyer(PRICE);
      expect(await fx.leasing(who).buy_battery(offer)).toEqual({ Err: { InsufficientAllowance: { allowance: PRICE, required: PRICE + FEE } } });
      expect(await fx.leasing().icrc7_owner_of([offer.token_id])).toEqual([[account(seller)]]);
      expect(await fx.leasing().get_listing(offer.token_id)).toHaveLength(1);
      expect(await fx.balance(who)).toBe(1_000_000n - FEE);
    });

    it('refunds the buyer when the seller moves the token while the payment is being made', async () => {
      const offer = await forSale();
      const who = await buyer();
      const buying = fx.leasing(who).buy_battery(offer);
      const moving = fx.leasing(seller).icrc7_transfer([{ token_id: offer.token_id, to: account(stranger), from_subaccount: [], memo: [], created_at_time: [] }]);
      const [bought, moved] = await Promise.all([buying, moving]);
      expect(moved).toEqual([[{ Ok: expect.any(BigInt) }]]);
      expect(bought).toEqual({ Err: { Unavailable: { reason: expect.stringContaining('refunded') } } });
      expect(await fx.leasing().icrc7_owner_of([offer.token_id])).toEqual([[account(stranger)]]);
      await fx.settle();
      // The price came in and went back; the buyer is out only the ledger fees (approve, payment, refund).
      expect(await fx.balance(who)).toBe(1_000_000n - 3n * FEE);
      expect(await fx.balance('escrow')).toBe(0n);
      expect(okOf(await fx.leasing(operator).reconcile_escrow())).toMatchObject({ surplus: 0n, total_owed: 0n });
    });

    it('takes one payment at a time per battery: a second buyer is turned away while the first pays', async () => {
      const offer = await forSale();
      const [first, second] = [await buyer(), await buyer()];
      const [one, two] = await Promise.all([fx.leasing(first).buy_battery(offer), fx.leasing(second).buy_battery(offer)]);
      expect(one).toEqual({ Ok: expect.objectContaining({ token_id: offer.token_id }) });
      expect(two).toEqual({ Err: { Unavailable: { reason: expect.stringContaining('in progress') } } });
      expect(await fx.balance(second)).toBe(1_000_000n - FEE);
    });
  });

  describe('a leased battery', () => {
    it('is sold with its lease: the lease runs on and the rent goes to the new holder', async () => {
      const tokenId = await battery();
      const offer = okOf(await fx.leasing(seller).list_for_lease(tokenId, [], leaseTerms()));
      const lessee = await buyer(1_000_000n);
      const lease = okOf(await fx.leasing(lessee).request_lease({ token_id: tokenId, listing_id: offer.listing_id, duration_days: 28 }));
      await fx.settle();
      expect(await fx.leasing(seller).list_for_lease(tokenId, [], leaseTerms())).toEqual({ Err: { Unavailable: expect.anything() } });
      const sale = okOf(await fx.leasing(seller).list_for_sale(tokenId, [], PRICE));
      const newOwner = await buyer();
      okOf(await fx.leasing(newOwner).buy_battery({ token_id: tokenId, listing_id: sale.listing_id }));
      await fx.settle();
      const [sellerBefore, ownerBefore] = [await fx.balance(seller), await fx.balance(newOwner)];
      await fx.net.advanceTime(7 * DAY_MS);
      expect(okOf(await fx.leasing().get_lease(lease.id)).rent_paid).toBe(14_000n);
      expect(await fx.balance(newOwner)).toBe(ownerBefore + 7_000n - FEE);
      expect(await fx.balance(seller)).toBe(sellerBefore);
      const returned = okOf(await fx.leasing(newOwner).return_lease(lease.id));
      expect(returned.status).toMatchObject({ Returned: { to_lessee: 50_000n } });
    });
  });
});
