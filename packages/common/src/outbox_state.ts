import { IDL } from '@dfinity/candid';

import { named } from './named_type';

/** How the signal outbox stands: signals waiting, sent in all, failed calls, and the latest failure. */
export interface OutboxState {
  pending: number;
  sent: bigint;
  failed_calls: bigint;
  last_error: [] | [string];
  last_error_at_ns: [] | [bigint];
}

/** Candid type of OutboxState. */
export const OutboxStateIdl = named(
  'OutboxState',
  IDL.Record({
    pending: IDL.Nat32,
    sent: IDL.Nat64,
    failed_calls: IDL.Nat64,
    last_error: IDL.Opt(IDL.Text),
    last_error_at_ns: IDL.Opt(IDL.Nat64)
  })
);
