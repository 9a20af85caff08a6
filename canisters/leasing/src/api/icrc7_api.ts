import { IDL, msgCaller, query, time, update } from 'azle';

import { collection, icrc7 } from '../app';
import { Account, AccountIdl } from '../icrc3/account';
import { ValueMapIdl } from '../icrc3/value';
import { LIMITS } from '../limits';
import { COLLECTION, collectionMetadata } from '../nft/collection_info';
import { transferTokens } from '../nft/icrc7_transfer';
import { TransferArg, TransferArgIdl, TransferResultIdl } from '../nft/icrc7_types';

const OptNat = IDL.Opt(IDL.Nat);

/** ICRC-7: the battery NFT collection's standard interface. */
export class Icrc7Api {
  /** All collection-level metadata, including the limits below. */
  @query([], ValueMapIdl)
  icrc7_collection_metadata() {
    return collectionMetadata(collection.tokens.total());
  }

  /** The collection's symbol. */
  @query([], IDL.Text)
  icrc7_symbol(): string {
    return COLLECTION.symbol;
  }

  /** The collection's name. */
  @query([], IDL.Text)
  icrc7_name(): string {
    return COLLECTION.name;
  }

  /** The collection's description. */
  @query([], IDL.Opt(IDL.Text))
  icrc7_description(): [string] {
    return [COLLECTION.description];
  }

  /** The collection has no logo. */
  @query([], IDL.Opt(IDL.Text))
  icrc7_logo(): [] {
    return [];
  }

  /** Number of battery tokens in existence. */
  @query([], IDL.Nat)
  icrc7_total_supply(): bigint {
    return collection.tokens.total();
  }

  /** No supply cap: every registered battery gets a token. */
  @query([], OptNat)
  icrc7_supply_cap(): [] {
    return [];
  }

  /** Items a batch query answers at most. */
  @query([], OptNat)
  icrc7_max_query_batch_size(): [bigint] {
    return [BigInt(LIMITS.maxQueryBatchSize)];
  }

  /** Items a batch update processes at most. */
  @query([], OptNat)
  icrc7_max_update_batch_size(): [bigint] {
    return [BigInt(LIMITS.maxUpdateBatchSize)];
  }

  /** The `take` of paginated queries when none is given. */
  @query([], OptNat)
  icrc7_default_take_value(): [bigint] {
    return [BigInt(LIMITS.defaultTakeValue)];
  }

  /** The largest `take` paginated queries honour. */
  @query([], OptNat)
  icrc7_max_take_value(): [bigint] {
    return [BigInt(LIMITS.maxTakeValue)];
  }

  /** The longest memo accepted, in bytes. */
  @query([], OptNat)
  icrc7_max_memo_size(): [bigint] {
    return [BigInt(LIMITS.maxMemoSize)];
  }

  /** Batch transfers are not atomic: each item succeeds or fails on its own. */
  @query([], IDL.Opt(IDL.Bool))
  icrc7_atomic_batch_transfers(): [boolean] {
    return [false];
  }

  /** The deduplication window, in seconds. */
  @query([], OptNat)
  icrc7_tx_window(): [bigint] {
    return [LIMITS.txWindowSeconds];
  }

  /** How far created_at_time may lie in the future, in seconds. */
  @query([], OptNat)
  icrc7_permitted_drift(): [bigint] {
    return [LIMITS.permittedDriftSeconds];
  }

  /** Metadata of each token (none for tokens that do not exist). */
  @query([IDL.Vec(IDL.Nat)], IDL.Vec(IDL.Opt(ValueMapIdl)))
  icrc7_token_metadata(tokenIds: bigint[]) {
    return icrc7.tokenMetadata(tokenIds);
  }

  /** Owner of each token (none for tokens that do not exist). */
  @query([IDL.Vec(IDL.Nat)], IDL.Vec(IDL.Opt(AccountIdl)))
  icrc7_owner_of(tokenIds: bigint[]) {
    return icrc7.ownerOf(tokenIds);
  }

  /** Number of tokens each account holds. */
  @query([IDL.Vec(AccountIdl)], IDL.Vec(IDL.Nat))
  icrc7_balance_of(accounts: Account[]): bigint[] {
    return icrc7.balanceOf(accounts);
  }

  /** Token ids after `prev`, ascending, at most `take`. */
  @query([OptNat, OptNat], IDL.Vec(IDL.Nat))
  icrc7_tokens(prev: [] | [bigint], take: [] | [bigint]): bigint[] {
    return icrc7.tokens(prev, take);
  }

  /** Ids of the tokens `account` holds after `prev`, ascending, at most `take`. */
  @query([AccountIdl, OptNat, OptNat], IDL.Vec(IDL.Nat))
  icrc7_tokens_of(account: Account, prev: [] | [bigint], take: [] | [bigint]): bigint[] {
    return icrc7.tokensOf(account, prev, take);
  }

  /** Transfers tokens out of the caller's accounts; one result per item, in order. */
  @update([IDL.Vec(TransferArgIdl)], IDL.Vec(IDL.Opt(TransferResultIdl)))
  icrc7_transfer(args: TransferArg[]) {
    return transferTokens(collection, msgCaller(), args, time());
  }
}
