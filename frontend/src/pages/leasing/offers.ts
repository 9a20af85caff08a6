import { batteriesOf } from '../../canisters/fleet';
import type { Actors } from '../../canisters/actors';
import type { BatteryView, LeaseTerms, Listing } from '../../canisters/types';

/** A listing with its battery, for showing an offer. */
export interface Offer {
  listing: Listing;
  battery: BatteryView;
}

export interface LeaseOffer extends Offer {
  terms: LeaseTerms;
}

const PAGE = 200n;

/** Every listing on the market, a page at a time. */
export async function allListings(actors: Actors): Promise<Listing[]> {
  const listings: Listing[] = [];
  for (;;) {
    const page = await actors.leasing.listings(listings.length ? [listings[listings.length - 1]!.token_id] : [], [PAGE]);
    listings.push(...page);
    if (BigInt(page.length) < PAGE) return listings;
  }
}

/** The listings with their batteries. */
export async function offers(actors: Actors): Promise<Offer[]> {
  const listings = await allListings(actors);
  const batteries = new Map((await batteriesOf(actors, listings.map((listing) => listing.token_id))).map((view) => [view.token_id, view]));
  return listings.flatMap((listing) => {
    const battery = batteries.get(listing.token_id);
    return battery ? [{ listing, battery }] : [];
  });
}

export function leaseOffers(all: Offer[]): LeaseOffer[] {
  return all.flatMap((offer) => ('Lease' in offer.listing.offer ? [{ ...offer, terms: offer.listing.offer.Lease }] : []));
}
