import { KeyValueStore, StableCell } from '@chargex/common';

import { Account } from '../idl/account';

/**
 * Balances per account and the total supply. Only non-zero balances are stored, so an account that is emptied
 * costs nothing. Callers check funds first: a debit beyond the balance is a broken invariant and throws.
 */
export class BalanceBook {
  /** The supply as last read or written: read once per heap lifetime, written on every change. */
  private supplyCache: bigint | undefined;

  constructor(
    private readonly balances: KeyValueStore<Account, bigint>,
    private readonly supply: StableCell<bigint>
  ) {}

  /** The balance of `account` (0 for an account never credited). */
  balanceOf(account: Account): bigint {
    return this.balances.get(account) ?? 0n;
  }

  /** Tokens on all accounts except the minting account. */
  totalSupply(): bigint {
    this.supplyCache ??= this.supply.getOr(0n);
    return this.supplyCache;
  }

  /** Number of accounts holding tokens. */
  holders(): number {
    return this.balances.len();
  }

  /** Creates `amount` new tokens on `to`. */
  mint(to: Account, amount: bigint): void {
    this.credit(to, amount);
    this.setSupply(this.totalSupply() + amount);
  }

  /** Destroys `amount` tokens of `from`. */
  burn(from: Account, amount: bigint): void {
    this.debit(from, amount);
    this.setSupply(this.totalSupply() - amount);
  }

  /** Moves `amount` from `from` to `to` and burns `fee` from `from` (ICRC-1: fees go to the minting account). */
  transfer(from: Account, to: Account, amount: bigint, fee: bigint): void {
    this.debit(from, amount + fee);
    this.credit(to, amount);
    if (fee > 0n) {
      this.setSupply(this.totalSupply() - fee);
    }
  }

  private setSupply(supply: bigint): void {
    this.supply.set(supply);
    this.supplyCache = supply;
  }

  private credit(account: Account, amount: bigint): void {
    if (amount > 0n) {
      this.balances.insert(account, this.balanceOf(account) + amount);
    }
  }

  private debit(account: Account, amount: bigint): void {
    const balance = this.balanceOf(account);
    if (balance < amount) {
      throw new Error(`invariant: debit of ${amount} from a balance of ${balance}`);
    }
    if (balance === amount) {
      this.balances.remove(account);
    } else if (amount > 0n) {
      this.balances.insert(account, balance - amount);
    }
  }
}
