import { CommonError, CommonErrorIdl, named, Result, resultIdl } from '@chargex/common';
import { IDL, msgCaller, query, time, update } from 'azle';

import { collection, foundation, listings, market } from '../app';
import { LeasingError, LeasingErrorIdl } from '../errors';
import { effectiveTake } from '../limits';
import { Lease, LeaseIdl } from '../leases/lease';
import { LeaseTerms, LeaseTermsIdl } from '../leases/terms';
import { Listing, ListingIdl } from '../market/listing';
import { LeaseRequest, Purchase, PurchaseRequest } from '../market/marketplace';

const Subaccount = IDL.Opt(IDL.Vec(IDL.Nat8));
const ListingResultIdl = resultIdl(ListingIdl, CommonErrorIdl);
const LeaseRequestIdl = named('LeaseRequest', IDL.Record({ token_id: IDL.Nat, listing_id: IDL.Nat64, duration_days: IDL.Nat32 }));
const PurchaseRequestIdl = named('PurchaseRequest', IDL.Record({ token_id: IDL.Nat, listing_id: IDL.Nat64 }));
const PurchaseIdl = named('Purchase', IDL.Record({ token_id: IDL.Nat, block_index: IDL.Nat, price: IDL.Nat }));

/** The battery market: listings for lease or sale, and accepting them with an ICRC-2 payment. */
export class MarketApi {
  /** Offers a battery the caller holds for lease; replaces any listing it had. */
  @update([IDL.Nat, Subaccount, LeaseTermsIdl], ListingResultIdl)
  list_for_lease(tokenId: bigint, fromSubaccount: [] | [Uint8Array], terms: LeaseTerms): Result<Listing, CommonError> {
    const caller = msgCaller();
    return foundation.guard.requireAuthenticated(caller) ?? market.listForLease(caller, tokenId, fromSubaccount, terms, time());
  }

  /** Offers a battery the caller holds for sale (with its lease, if leased); replaces any listing it had. */
  @update([IDL.Nat, Subaccount, IDL.Nat], ListingResultIdl)
  list_for_sale(tokenId: bigint, fromSubaccount: [] | [Uint8Array], price: bigint): Result<Listing, CommonError> {
    const caller = msgCaller();
    return foundation.guard.requireAuthenticated(caller) ?? market.listForSale(caller, tokenId, fromSubaccount, price, time());
  }

  /** Takes a listing down (its seller, or admins). */
  @update([IDL.Nat], resultIdl(IDL.Null, CommonErrorIdl))
  cancel_listing(tokenId: bigint): Result<null, CommonError> {
    const caller = msgCaller();
    const { guard } = foundation;
    return guard.requireAuthenticated(caller) ?? market.cancel(caller, tokenId, guard.isAdmin(caller));
  }

  /** The listing of a battery, if it is on the market. */
  @query([IDL.Nat], IDL.Opt(ListingIdl))
  get_listing(tokenId: bigint): [] | [Listing] {
    const listing = listings.get(tokenId);
    return listing === undefined ? [] : [listing];
  }

  /** Listings by token id after `prev`, at most `take` (ICRC-7's default and maximum take apply). */
  @query([IDL.Opt(IDL.Nat), IDL.Opt(IDL.Nat)], IDL.Vec(ListingIdl))
  listings(prev: [] | [bigint], take: [] | [bigint]): Listing[] {
    return listings.page(prev[0], effectiveTake(take), collection.tokens.highestId());
  }

  /**
   * Leases a listed battery. The caller first approves the canister (icrc2_approve) for the deposit, the first
   * period's rent and the ledger fee, and for the later periods' rent and fees.
   */
  @update([LeaseRequestIdl], resultIdl(LeaseIdl, LeasingErrorIdl))
  async request_lease(request: LeaseRequest): Promise<Result<Lease, LeasingError>> {
    const caller = msgCaller();
    return foundation.guard.requireAuthenticated(caller) ?? (await market.requestLease(caller, request));
  }

  /** Buys a listed battery. The caller first approves the canister for the price and the ledger fee. */
  @update([PurchaseRequestIdl], resultIdl(PurchaseIdl, LeasingErrorIdl))
  async buy_battery(request: PurchaseRequest): Promise<Result<Purchase, LeasingError>> {
    const caller = msgCaller();
    return foundation.guard.requireAuthenticated(caller) ?? (await market.buy(caller, request));
  }
}
