import { named } from '@chargex/common';
import { IDL } from 'azle';

import { Account, AccountIdl } from '../icrc3/account';
import { LeaseTerms, LeaseTermsIdl } from '../leases/terms';

/** What a battery is offered for: a lease on terms, or a sale at a price (ledger units). */
export type Offer = { Lease: LeaseTerms } | { Sale: { price: bigint } };

/** Candid type of Offer. */
export const OfferIdl = named('Offer', IDL.Variant({ Lease: LeaseTermsIdl, Sale: IDL.Record({ price: IDL.Nat }) }));

/**
 * A battery on the market. `listing_id` changes whenever the offer does, and a lessee or buyer names the listing
 * they accept, so nobody pays for terms other than the ones they saw.
 */
export interface Listing {
  listing_id: bigint;
  token_id: bigint;
  seller: Account;
  offer: Offer;
  listed_at: bigint;
}

/** Candid type of Listing (also its stored form). */
export const ListingIdl = named(
  'Listing',
  IDL.Record({ listing_id: IDL.Nat64, token_id: IDL.Nat, seller: AccountIdl, offer: OfferIdl, listed_at: IDL.Nat64 })
);
