import { named } from '@chargex/common';
import { IDL } from 'azle';

import { Account, AccountIdl } from '../icrc3/account';
import { LeaseTerms, LeaseTermsIdl } from './terms';

/** What was taken from a deposit when a lease ended, and where the deposit went. */
export interface Settlement {
  at: bigint;
  unpaid_rent: bigint;
  late_fees: bigint;
  minimum_term: bigint;
  health_penalty: bigint;
  /** Deductions paid to the lessor out of the deposit (at most the deposit). */
  to_lessor: bigint;
  /** The rest of the deposit, given back to the lessee. */
  to_lessee: bigint;
  /** Deductions the deposit could not cover. */
  uncovered: bigint;
}

/** Candid type of Settlement. */
export const SettlementIdl = named(
  'Settlement',
  IDL.Record({
    at: IDL.Nat64,
    unpaid_rent: IDL.Nat,
    late_fees: IDL.Nat,
    minimum_term: IDL.Nat,
    health_penalty: IDL.Nat,
    to_lessor: IDL.Nat,
    to_lessee: IDL.Nat,
    uncovered: IDL.Nat
  })
);

/** Where a lease stands: running (possibly overdue), or ended by a return or a default. */
export type LeaseStatus = { Active: null } | { Overdue: null } | { Returned: Settlement } | { Defaulted: Settlement };

/** Candid type of LeaseStatus. */
export const LeaseStatusIdl = named(
  'LeaseStatus',
  IDL.Variant({ Active: IDL.Null, Overdue: IDL.Null, Returned: SettlementIdl, Defaulted: SettlementIdl })
);

/**
 * A lease of one battery. The deposit sits in escrow until the lease ends. Rent is charged a period in advance
 * at `next_charge_at`; a charge that fails becomes `unpaid_rent` and makes the lease overdue from its due time
 * (`overdue_since`), as does not returning the battery by `ends_at`. Late fees accrue per whole day overdue; after
 * `grace_period_days` overdue the lease defaults.
 */
export interface Lease {
  id: bigint;
  token_id: bigint;
  lessee: Account;
  terms: LeaseTerms;
  duration_days: number;
  started_at: bigint;
  ends_at: bigint;
  soh_at_start_bp: number;
  next_charge_at: [] | [bigint];
  rent_paid: bigint;
  late_fees_paid: bigint;
  unpaid_rent: bigint;
  overdue_since: [] | [bigint];
  /** When the lease timer next looks at this lease (none once it has ended). */
  next_event_at: [] | [bigint];
  status: LeaseStatus;
}

/** Candid type of Lease (also its stored form). */
export const LeaseIdl = named(
  'Lease',
  IDL.Record({
    id: IDL.Nat64,
    token_id: IDL.Nat,
    lessee: AccountIdl,
    terms: LeaseTermsIdl,
    duration_days: IDL.Nat32,
    started_at: IDL.Nat64,
    ends_at: IDL.Nat64,
    soh_at_start_bp: IDL.Nat16,
    next_charge_at: IDL.Opt(IDL.Nat64),
    rent_paid: IDL.Nat,
    late_fees_paid: IDL.Nat,
    unpaid_rent: IDL.Nat,
    overdue_since: IDL.Opt(IDL.Nat64),
    next_event_at: IDL.Opt(IDL.Nat64),
    status: LeaseStatusIdl
  })
);

/** Tells whether the lease is still running (its deposit still in escrow). */
export function isOpen(lease: Lease): boolean {
  return 'Active' in lease.status || 'Overdue' in lease.status;
}
