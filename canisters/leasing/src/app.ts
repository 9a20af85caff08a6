import { CanisterFoundation, RoleSyncPeer, SignalOutbox } from '@chargex/common';
import { time } from 'azle';

import packageJson from '../package.json';
import { Icrc37Queries } from './approvals/icrc37_queries';
import { LeaseBook } from './leases/lease_book';
import { LeaseClock } from './leases/lease_clock';
import { LeaseSignals } from './leases/lease_signals';
import { LeaseStore } from './leases/lease_store';
import { ListingStore } from './market/listing_store';
import { Marketplace } from './market/marketplace';
import { BatteryRegistry } from './nft/battery_registry';
import { Collection } from './nft/collection';
import { Icrc7Queries } from './nft/icrc7_queries';
import { LEASING_MEMORY } from './memory';
import { FeeCache } from './payments/fee_cache';
import { Outbox } from './payments/outbox';
import { PaymentIntake } from './payments/payment_intake';

/**
 * The composition root: every part of the leasing canister, created once per module instance (at install and at
 * each upgrade) over the stable maps that hold their state. The endpoint classes reach them through here.
 */
export const foundation = new CanisterFoundation({ name: 'leasing', version: packageJson.version, schemaVersion: 1, migrations: [] });
export const roleSync = new RoleSyncPeer(foundation);

const ledger = () => foundation.config.peer('ledger');
const fees = new FeeCache(foundation.meta);
export const outbox = new Outbox(foundation.meta, ledger, fees);
export const payments = new PaymentIntake(foundation.meta, ledger, fees, outbox);

export const listings = new ListingStore(foundation.meta);
// Lease changes become alert signals, kept in a stable outbox until alerts takes them.
export const alertSignals = new SignalOutbox(LEASING_MEMORY.alertSignals, foundation.meta, 'leasing', () => foundation.config.peer('alerts'));
const leaseSignals = new LeaseSignals(alertSignals);
export const leases = new LeaseStore(foundation.meta, (before, after) => leaseSignals.observe(before, after, time()));

// A transfer of a token ends its listing (the lease, if any, moves with the token); a leased battery cannot be burned.
export const collection = new Collection(foundation.meta, {
  afterOwnerChange: (tokenId) => listings.remove(tokenId),
  burnRefusal: (tokenId) => {
    const lease = leases.openLeaseOf(tokenId);
    return lease === undefined ? undefined : `battery ${tokenId} is under lease ${lease.id} until it is returned`;
  },
  afterBurn: (tokenId) => listings.remove(tokenId)
});

const leaseClock: LeaseClock = new LeaseClock(leases, (leaseId) => leaseBook.processDue(leaseId));
export const leaseBook: LeaseBook = new LeaseBook(leases, collection, outbox, payments, () => leaseClock.rearm());
export const market = new Marketplace(listings, collection, leases, leaseBook, payments, outbox);

export const icrc7 = new Icrc7Queries(collection);
export const icrc37 = new Icrc37Queries(collection);
export const batteries = new BatteryRegistry(collection);

/** Restarts what timers drive (they do not survive upgrades): payouts, lost payments, the lease clock, alert signals. */
export function resumeTimers(): void {
  outbox.resume();
  payments.resume();
  leaseClock.rearm();
  alertSignals.resume();
}
