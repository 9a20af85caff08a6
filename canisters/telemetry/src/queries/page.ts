import { CommonError, err, invalidArgument, ok, Result } from '@chargex/common';

import { PageRequest } from '../api/device';

/** Largest page any listing returns. */
export const MAX_PAGE_LIMIT = 100;

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
