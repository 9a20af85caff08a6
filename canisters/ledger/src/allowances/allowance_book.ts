import { KeyValueStore, OrderedKey } from '@chargex/common';

import { accountKey } from '../accounts/account_key';
import { Account } from '../idl/account';

/** An allowance as icrc2_allowance reports it. */
export interface AllowanceState {
  amount: bigint;
  expiresAt: bigint | undefined;
}

const NO_ALLOWANCE: AllowanceState = { amount: 0n, expiresAt: undefined };

/** Stored value: amount and expiry as two big-endian u64 (expiry 0 = none: an approval never expires at 0). */
function encodeAllowance(amount: bigint, expiresAt: bigint | undefined): Uint8Array {
  const out = new Uint8Array(16);
  out.set(OrderedKey.u64.write(amount), 0);
  out.set(OrderedKey.u64.write(expiresAt ?? 0n), 8);
  return out;
}

function decodeAllowance(bytes: Uint8Array): AllowanceState {
  const [amount] = OrderedKey.u64.read(bytes, 0);
  const [expiresAt] = OrderedKey.u64.read(bytes, 8);
  return { amount, expiresAt: expiresAt === 0n ? undefined : expiresAt };
}

function pairKey(account: Account, spender: Account): Uint8Array {
  const owner = accountKey(account);
  const delegate = accountKey(spender);
  const out = new Uint8Array(owner.length + delegate.length);
  out.set(owner);
  out.set(delegate, owner.length);
  return out;
}

function expiryKey(expiresAt: bigint, pair: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + pair.length);
  out.set(OrderedKey.u64.write(expiresAt));
  out.set(pair, 8);
  return out;
}

/**
 * ICRC-2 allowances keyed by (account, spender), plus an index ordered by expiry time so that expired approvals
 * are removed from the front of the index as time passes instead of by scanning every allowance.
 */
export class AllowanceBook {
  constructor(
    private readonly entries: KeyValueStore<Uint8Array, Uint8Array>,
    private readonly expiries: KeyValueStore<Uint8Array, Uint8Array>
  ) {}

  /** The allowance `spender` has on `account` at `now` (zero once expired). */
  allowance(account: Account, spender: Account, now: bigint): AllowanceState {
    const stored = this.entries.get(pairKey(account, spender));
    if (stored === undefined) {
      return NO_ALLOWANCE;
    }
    const state = decodeAllowance(stored);
    return state.expiresAt !== undefined && state.expiresAt <= now ? NO_ALLOWANCE : state;
  }

  /** Replaces the allowance (an amount of 0 removes it). */
  set(account: Account, spender: Account, amount: bigint, expiresAt: bigint | undefined): void {
    const pair = pairKey(account, spender);
    this.forget(pair);
    if (amount > 0n) {
      this.entries.insert(pair, encodeAllowance(amount, expiresAt));
      if (expiresAt !== undefined) {
        this.expiries.insert(expiryKey(expiresAt, pair), new Uint8Array());
      }
    }
  }

  /** Spends `amount` of a live allowance that covers it (checked by the caller). */
  use(account: Account, spender: Account, amount: bigint, now: bigint): void {
    const current = this.allowance(account, spender, now);
    if (current.amount < amount) {
      throw new Error(`invariant: spending ${amount} of an allowance of ${current.amount}`);
    }
    const pair = pairKey(account, spender);
    if (current.amount === amount) {
      this.forget(pair);
    } else {
      // The expiry is unchanged, so its index entry stays as it is.
      this.entries.insert(pair, encodeAllowance(current.amount - amount, current.expiresAt));
    }
  }

  /** Number of stored allowances (expired ones count until pruned). */
  count(): number {
    return this.entries.len();
  }

  /** When the first stored allowance expires, if any does. */
  nextDueAt(): bigint | undefined {
    const [first] = this.expiries.keys(0, 1);
    return first === undefined ? undefined : OrderedKey.u64.read(first, 0)[0];
  }

  /** Removes up to `limit` allowances that expired at or before `now`; returns how many. */
  pruneDue(now: bigint, limit: number): number {
    let pruned = 0;
    for (const key of this.expiries.keys(0, limit)) {
      if (OrderedKey.u64.read(key, 0)[0] > now) {
        break;
      }
      this.expiries.remove(key);
      this.entries.remove(key.slice(8));
      pruned++;
    }
    return pruned;
  }

  private forget(pair: Uint8Array): void {
    const previous = this.entries.remove(pair);
    const expiresAt = previous === undefined ? undefined : decodeAllowance(previous).expiresAt;
    if (expiresAt !== undefined) {
      this.expiries.remove(expiryKey(expiresAt, pair));
    }
  }
}
