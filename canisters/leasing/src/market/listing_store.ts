import { candidCodec, KeyValueStore, OrderedKey, StableCell } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { Account } from '../icrc3/account';
import { LEASING_MEMORY } from '../memory';
import { IdSet } from '../nft/id_set';
import { storedTokenId } from '../nft/token_store';
import { Listing, ListingIdl, Offer } from './listing';

/** The batteries on the market, at most one listing per token, paged by token id. */
export class ListingStore {
  private readonly listings = new StableBTreeMap<bigint, Listing>(LEASING_MEMORY.listings, OrderedKey.u64, candidCodec(ListingIdl));
  private readonly listed = new IdSet(LEASING_MEMORY.listedTokens);
  private readonly lastId: StableCell<bigint>;

  constructor(meta: KeyValueStore<string, Uint8Array>) {
    this.lastId = new StableCell(meta, 'leasing.listings.last_id', OrderedKey.u64);
  }

  /** Lists token `tokenId` with `offer`, replacing any listing it had; returns the new listing. */
  put(tokenId: bigint, seller: Account, offer: Offer, now: bigint): Listing {
    const listingId = this.lastId.getOr(0n) + 1n;
    this.lastId.set(listingId);
    const listing: Listing = { listing_id: listingId, token_id: tokenId, seller, offer, listed_at: now };
    this.listings.insert(tokenId, listing);
    this.listed.add(tokenId);
    return listing;
  }

  /** The listing of token `tokenId` (a candid nat). */
  get(tokenId: bigint): Listing | undefined {
    const stored = storedTokenId(tokenId);
    return stored === undefined ? undefined : this.listings.get(stored);
  }

  /** Takes token `tokenId` off the market (no-op when it is not listed). */
  remove(tokenId: bigint): void {
    const stored = storedTokenId(tokenId);
    if (stored !== undefined && this.listings.remove(stored) !== undefined) {
      this.listed.remove(stored);
    }
  }

  /** Listings after token `prev`, by token id, at most `take`. */
  page(prev: bigint | undefined, take: number, maxTokenId: bigint): Listing[] {
    return this.listed.page(prev, take, maxTokenId).map((tokenId) => this.listings.get(tokenId) as Listing);
  }

  /** Number of listings. */
  count(): number {
    return this.listings.len();
  }
}
