import { CommonError, err, invalidArgument, notFound, ok, Result, unauthorized, unavailable } from '@chargex/common';
import { Principal, time } from 'azle';

import { LeasingError } from '../errors';
import { Account, accountOf, accountValue, sameAccount, validSubaccount } from '../icrc3/account';
import { blob, map, nat } from '../icrc3/value';
import { Lease } from '../leases/lease';
import { LeaseBook } from '../leases/lease_book';
import { LeaseStore } from '../leases/lease_store';
import { durationProblem, LeaseTerms, startPayment, termsProblem } from '../leases/terms';
import { Collection } from '../nft/collection';
import { entryMemo } from '../payments/memos';
import { Outbox } from '../payments/outbox';
import { PaymentIntake } from '../payments/payment_intake';
import { Listing } from './listing';
import { ListingStore } from './listing_store';

/** Which listing a lessee accepts, for how long. */
export interface LeaseRequest {
  token_id: bigint;
  listing_id: bigint;
  duration_days: number;
}

/** Which sale listing a buyer accepts. */
export interface PurchaseRequest {
  token_id: bigint;
  listing_id: bigint;
}

/** A completed purchase: the token's new block and the price paid. */
export interface Purchase {
  token_id: bigint;
  block_index: bigint;
  price: bigint;
}

/**
 * The battery market: holders list a battery for lease or for sale; a lessee or buyer accepts a listing and pays
 * through ICRC-2. Taking the payment is the only await: once the money is in, the rest (opening the lease, or
 * moving the token and owing the seller the price) happens in that same message, or the payment is refunded if
 * the listing changed meanwhile. So from the payer's side it is all or nothing. While a payment for a battery is
 * out, no second one is started for it.
 */
export class Marketplace {
  private readonly settling = new Set<bigint>();

  constructor(
    private readonly listings: ListingStore,
    private readonly collection: Collection,
    private readonly leases: LeaseStore,
    private readonly book: LeaseBook,
    private readonly payments: PaymentIntake,
    private readonly outbox: Outbox
  ) {}

  /** Offers a battery the caller holds (at `fromSubaccount`) for lease on `terms`. */
  listForLease(
    caller: Principal,
    tokenId: bigint,
    fromSubaccount: [] | [Uint8Array],
    terms: LeaseTerms,
    now: bigint
  ): Result<Listing, CommonError> {
    const held = this.heldBy(caller, tokenId, fromSubaccount);
    if ('Err' in held) {
      return held;
    }
    const lease = this.leases.openLeaseOf(tokenId);
    if (lease !== undefined) {
      return err(unavailable(`battery ${tokenId} is under lease ${lease.id}`));
    }
    const problem = termsProblem(terms);
    return problem !== undefined ? err(problem) : ok(this.listings.put(tokenId, held.Ok, { Lease: terms }, now));
  }

  /** Offers a battery the caller holds for sale; a leased battery is sold with its lease. */
  listForSale(caller: Principal, tokenId: bigint, fromSubaccount: [] | [Uint8Array], price: bigint, now: bigint): Result<Listing, CommonError> {
    const held = this.heldBy(caller, tokenId, fromSubaccount);
    if ('Err' in held) {
      return held;
    }
    if (price < 1n) {
      return err(invalidArgument('price', 'must be at least 1'));
    }
    return ok(this.listings.put(tokenId, held.Ok, { Sale: { price } }, now));
  }

  /** Takes a listing down: its seller, or an admin. */
  cancel(caller: Principal, tokenId: bigint, callerIsAdmin: boolean): Result<null, CommonError> {
    const listing = this.listings.get(tokenId);
    if (listing === undefined) {
      return err(notFound('listing', tokenId.toString()));
    }
    if (!callerIsAdmin && listing.seller.owner.compareTo(caller) !== 'eq') {
      return err(unauthorized(caller, { SelfOrAdmin: null }));
    }
    if (this.settling.has(tokenId)) {
      return err(unavailable(`a payment for battery ${tokenId} is in progress`));
    }
    this.listings.remove(tokenId);
    return ok(null);
  }

  /** Leases a listed battery: takes the deposit and first period from the caller, then opens the lease. */
  async requestLease(caller: Principal, request: LeaseRequest): Promise<Result<Lease, LeasingError>> {
    const accepted = this.acceptable(caller, request.token_id, request.listing_id);
    if ('Err' in accepted) {
      return accepted;
    }
    const offer = accepted.Ok.offer;
    if (!('Lease' in offer)) {
      return err(invalidArgument('listing_id', 'is a sale, not a lease offer'));
    }
    const problem = durationProblem(offer.Lease, request.duration_days);
    if (problem !== undefined) {
      return err(problem);
    }
    const lessee = accountOf(caller, []);
    const amount = startPayment(offer.Lease);
    return this.settle(request.token_id, lessee, amount, { LeaseStart: { token_id: request.token_id, listing_id: request.listing_id } }, () => {
      if (!this.stillOffered(accepted.Ok) || this.leases.openLeaseOf(request.token_id) !== undefined) {
        return undefined;
      }
      this.listings.remove(request.token_id);
      return this.book.open(request.token_id, lessee, offer.Lease, request.duration_days, time());
    });
  }

  /** Buys a listed battery: takes the price from the caller, gives the caller the token, owes the seller the price. */
  async buy(caller: Principal, request: PurchaseRequest): Promise<Result<Purchase, LeasingError>> {
    const accepted = this.acceptable(caller, request.token_id, request.listing_id);
    if ('Err' in accepted) {
      return accepted;
    }
    const listing = accepted.Ok;
    if (!('Sale' in listing.offer)) {
      return err(invalidArgument('listing_id', 'is a lease offer, not a sale'));
    }
    const price = listing.offer.Sale.price;
    const buyer = accountOf(caller, []);
    return this.settle(request.token_id, buyer, price, { Purchase: { token_id: request.token_id, listing_id: request.listing_id } }, () => {
      if (!this.stillOffered(listing)) {
        return undefined;
      }
      const now = time();
      this.collection.changeOwner(listing.token_id, buyer);
      const blockIndex = this.collection.log.append(
        '7xfer',
        map([
          ['tid', nat(listing.token_id)],
          ['from', accountValue(listing.seller)],
          ['to', accountValue(buyer)],
          ['memo', blob(entryMemo('sale', listing.listing_id))]
        ]),
        now
      );
      this.outbox.enqueue(listing.seller, price, { SaleProceeds: { token_id: listing.token_id } }, now);
      return { token_id: listing.token_id, block_index: blockIndex, price };
    });
  }

  /**
   * Takes `amount` from `payer` for a battery and, once it is in, runs `complete` in the same message; when
   * `complete` finds the deal gone (undefined), the payment is refunded.
   */
  private async settle<T>(
    tokenId: bigint,
    payer: Account,
    amount: bigint,
    purpose: Parameters<PaymentIntake['take']>[2],
    complete: () => T | undefined
  ): Promise<Result<T, LeasingError>> {
    this.settling.add(tokenId);
    let result: Awaited<ReturnType<PaymentIntake['take']>>;
    try {
      result = await this.payments.take(payer, amount, purpose);
    } finally {
      this.settling.delete(tokenId);
    }
    if (result.kind === 'failed') {
      return err(result.error);
    }
    if (result.kind === 'unreachable') {
      return err({ PaymentFailed: { reason: `the ledger could not be reached, nothing was taken: ${result.reason}` } });
    }
    if (result.kind === 'unknown') {
      return err({ PaymentPending: { payment_id: result.paymentId } });
    }
    const done = complete();
    if (done === undefined) {
      this.payments.refund(result.paymentId, payer, amount, time());
      return err(unavailable('the listing changed while the payment was made; the payment is refunded'));
    }
    return ok(done);
  }

  /** The listing the caller accepts, if it is still the one named and nobody else is paying for it. */
  private acceptable(caller: Principal, tokenId: bigint, listingId: bigint): Result<Listing, CommonError> {
    const listing = this.listings.get(tokenId);
    if (listing === undefined || listing.listing_id !== listingId) {
      return err(notFound('listing', `${listingId} of battery ${tokenId}`));
    }
    if (listing.seller.owner.compareTo(caller) === 'eq') {
      return err(invalidArgument('listing_id', 'is the caller\'s own listing'));
    }
    if (this.settling.has(tokenId)) {
      return err(unavailable(`a payment for battery ${tokenId} is in progress`));
    }
    return ok(listing);
  }

  /** Tells whether a listing is still on offer as it was: same listing, token still held by the seller. */
  private stillOffered(listing: Listing): boolean {
    const current = this.listings.get(listing.token_id);
    const owner = this.collection.tokens.ownerOf(listing.token_id);
    return current?.listing_id === listing.listing_id && owner !== undefined && sameAccount(owner, listing.seller);
  }

  /** The account the caller holds token `tokenId` in, if it is `fromSubaccount` and no payment for it is out. */
  private heldBy(caller: Principal, tokenId: bigint, fromSubaccount: [] | [Uint8Array]): Result<Account, CommonError> {
    const owner = this.collection.tokens.ownerOf(tokenId);
    if (owner === undefined) {
      return err(notFound('battery token', tokenId.toString()));
    }
    if (!validSubaccount(fromSubaccount) || !sameAccount(owner, accountOf(caller, fromSubaccount))) {
      return err(unauthorized(caller, { SelfOrAdmin: null }));
    }
    if (this.settling.has(tokenId)) {
      return err(unavailable(`a payment for battery ${tokenId} is in progress`));
    }
    return ok(owner);
  }
}
