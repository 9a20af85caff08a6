/**
 * Unit tests of the ledger's time-ordered indexes on an in-memory store: the deduplication index (what is kept,
 * when it may be dropped, TemporarilyUnavailable when full) and expired approvals, pruned from the front.
 */
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { AllowanceBook } from '../../canisters/ledger/src/allowances/allowance_book';
import { DedupIndex, lastUsefulMoment } from '../../canisters/ledger/src/dedup/dedup_index';
import { refuseByDeduplication } from '../../canisters/ledger/src/operations/request_checks';
import { PERMITTED_DRIFT_NS, TX_WINDOW_NS } from './support/ledger-fixture';
import { SortedBytesStore } from './support/sorted-store';

const key = (n: number) => new Uint8Array(32).fill(n);
const NOW = 1_800_000_000_000_000_000n;

function dedupIndex(capacity: number) {
  return new DedupIndex(new SortedBytesStore<bigint>(), new SortedBytesStore<Uint8Array>(), capacity);
}

describe('deduplication index', () => {
  it('keeps a transaction until its created_at_time is older than TX_WINDOW + PERMITTED_DRIFT', () => {
    const index = dedupIndex(10);
    index.remember(key(1), 7n, NOW);
    expect(lastUsefulMoment(NOW)).toBe(NOW + TX_WINDOW_NS + PERMITTED_DRIFT_NS);
    expect(index.nextDueAt()).toBe(lastUsefulMoment(NOW) + 1n);
    expect(index.pruneDue(lastUsefulMoment(NOW), 100)).toBe(0);
    expect(refuseByDeduplication(index, { key: key(1), createdAt: NOW }, lastUsefulMoment(NOW))).toEqual({ Duplicate: { duplicate_of: 7n } });
    expect(refuseByDeduplication(index, { key: key(1), createdAt: NOW }, lastUsefulMoment(NOW) + 1n)).toEqual({ TooOld: null });
    expect(index.pruneDue(lastUsefulMoment(NOW) + 1n, 100)).toBe(1);
    expect(index.find(key(1))).toBeUndefined();
    expect(index.nextDueAt()).toBeUndefined();
  });

  it('drops due entries oldest first, at most `limit` per call', () => {
    const index = dedupIndex(10);
    index.remember(key(3), 3n, NOW + 3n);
    index.remember(key(1), 1n, NOW + 1n);
    index.remember(key(2), 2n, NOW + 2n);
    expect(index.pruneDue(lastUsefulMoment(NOW + 3n) + 1n, 2)).toBe(2);
    expect([key(1), key(2), key(3)].map((k) => index.find(k))).toEqual([undefined, undefined, 3n]);
  });

  it('answers TemporarilyUnavailable to a new deduplicated transaction once full, but still finds duplicates', () => {
    const index = dedupIndex(2);
    index.remember(key(1), 1n, NOW);
    index.remember(key(2), 2n, NOW);
    expect(refuseByDeduplication(index, { key: key(3), createdAt: NOW }, NOW)).toEqual({ TemporarilyUnavailable: null });
    expect(refuseByDeduplication(index, { key: key(2), createdAt: NOW }, NOW)).toEqual({ Duplicate: { duplicate_of: 2n } });
    index.pruneDue(lastUsefulMoment(NOW) + 1n, 1);
    expect(refuseByDeduplication(index, { key: key(3), createdAt: NOW }, NOW)).toBeUndefined();
  });
});

describe('allowance expiry index', () => {
  const owner = { owner: Principal.fromText('2vxsx-fae'), subaccount: [] as [] };
  const spender = (n: number) => ({ owner: Principal.fromUint8Array(Uint8Array.of(n)), subaccount: [] as [] });

  it('prunes approvals whose expiry has passed, earliest first, and moves the index with each change', () => {
    const book = new AllowanceBook(new SortedBytesStore<Uint8Array>(), new SortedBytesStore<Uint8Array>());
    book.set(owner, spender(1), 100n, NOW + 10n);
    book.set(owner, spender(2), 100n, NOW + 5n);
    book.set(owner, spender(3), 100n, undefined);
    book.set(owner, spender(2), 100n, NOW + 20n);
    expect(book.nextDueAt()).toBe(NOW + 10n);

    book.use(owner, spender(1), 40n, NOW);
    expect(book.allowance(owner, spender(1), NOW)).toEqual({ amount: 60n, expiresAt: NOW + 10n });
    expect(book.pruneDue(NOW + 9n, 10)).toBe(0);
    expect(book.pruneDue(NOW + 10n, 10)).toBe(1);
    expect(book.count()).toBe(2);
    expect(book.nextDueAt()).toBe(NOW + 20n);

    book.use(owner, spender(2), 100n, NOW);
    expect(book.nextDueAt()).toBeUndefined();
    expect(book.count()).toBe(1);
  });
});
