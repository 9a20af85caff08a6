import { IDL } from '@dfinity/candid';

import { CommonError, invalidArgument } from './errors';
import { named } from './named_type';
import { err, ok, Result } from './result';

/** Which page of a listing to read: `cursor` is the `next_cursor` of the previous page (none for the first). */
export interface PageRequest {
  cursor: [] | [bigint];
  limit: number;
}

/** Candid type of PageRequest. */
export const PageRequestIdl = named('PageRequest', IDL.Record({ cursor: IDL.Opt(IDL.Nat64), limit: IDL.Nat32 }));

/** Largest page any listing returns. */
const MAX_PAGE_LIMIT = 100;

/** A checked page request: where to start and how many to read. */
export interface PageBounds {
  start: bigint;
  limit: number;
}

/** Checks a page request (limit 1 to 100; the cursor is a position from a previous page). */
export function validatePage(page: PageRequest): Result<PageBounds, CommonError> {
  if (page.limit < 1 || page.limit > MAX_PAGE_LIMIT) {
    return err(invalidArgument('limit', `must be from 1 to ${MAX_PAGE_LIMIT}`));
  }
  return ok({ start: page.cursor[0] ?? 0n, limit: page.limit });
}
