import { Account, canonicalAccount, validSubaccount } from '../icrc3/account';
import { ValueMap } from '../icrc3/value';
import { effectiveTake, LIMITS } from '../limits';
import { batteryMetadata } from './battery_metadata';
import { Collection } from './collection';

/** The read side of ICRC-7. Batch queries answer a prefix of at most max_query_batch_size items, positionally. */
export class Icrc7Queries {
  constructor(private readonly collection: Collection) {}

  /** Metadata of each token; none for a token that does not exist. */
  tokenMetadata(ids: bigint[]): Array<[] | [ValueMap]> {
    return queryPrefix(ids).map((id) => {
      const battery = this.collection.tokens.batteryOf(id);
      return battery === undefined ? [] : [batteryMetadata(battery)];
    });
  }

  /** The owner of each token; none for a token that does not exist. */
  ownerOf(ids: bigint[]): Array<[] | [Account]> {
    return queryPrefix(ids).map((id) => {
      const owner = this.collection.tokens.ownerOf(id);
      return owner === undefined ? [] : [owner];
    });
  }

  /** The number of tokens each account holds (0 for an account that cannot hold any). */
  balanceOf(accounts: Account[]): bigint[] {
    return queryPrefix(accounts).map((account) =>
      validSubaccount(account.subaccount) ? this.collection.tokens.balanceOf(canonicalAccount(account)) : 0n
    );
  }

  /** Token ids after `prev`, ascending. */
  tokens(prev: [] | [bigint], take: [] | [bigint]): bigint[] {
    return this.collection.tokens.page(prev[0], effectiveTake(take));
  }

  /** Ids of the tokens `account` holds after `prev`, ascending. */
  tokensOf(account: Account, prev: [] | [bigint], take: [] | [bigint]): bigint[] {
    if (!validSubaccount(account.subaccount)) {
      return [];
    }
    return this.collection.tokens.pageOf(canonicalAccount(account), prev[0], effectiveTake(take));
  }
}

/** The items of a batch query that get an answer. */
export function queryPrefix<T>(items: readonly T[]): T[] {
  return items.slice(0, LIMITS.maxQueryBatchSize);
}
