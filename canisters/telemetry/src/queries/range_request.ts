import { CommonError, err, invalidArgument, ok, Result } from '@chargex/common';

import { RangeRequest, StatisticsRequest } from '../api/query';
import { MAX_POINTS } from './range';

/** Longest range statistics combine: ten years of day buckets. */
const MAX_STATISTICS_SPAN_MS = 3_650 * 86_400_000;

/** A checked time range in ms. */
export interface CheckedRange {
  fromMs: number;
  toMs: number;
}

/** Checks a range request: a non-empty range and a limit from 1 to MAX_POINTS. */
export function validateRange(request: RangeRequest): Result<CheckedRange & { limit: number }, CommonError> {
  if (request.limit < 1 || request.limit > MAX_POINTS) {
    return err(invalidArgument('limit', `must be from 1 to ${MAX_POINTS}`));
  }
  const range = checkSpan(request.from_ms, request.to_ms, undefined);
  return 'Err' in range ? range : ok({ ...range.Ok, limit: request.limit });
}

/** Checks a statistics request: a non-empty range of at most ten years. */
export function validateStatistics(request: StatisticsRequest): Result<CheckedRange, CommonError> {
  return checkSpan(request.from_ms, request.to_ms, MAX_STATISTICS_SPAN_MS);
}

function checkSpan(fromMs: bigint, toMs: bigint, maxSpanMs: number | undefined): Result<CheckedRange, CommonError> {
  if (fromMs >= toMs) {
    return err(invalidArgument('to_ms', 'must be after from_ms'));
  }
  if (toMs > BigInt(Number.MAX_SAFE_INTEGER)) {
    return err(invalidArgument('to_ms', 'is beyond any device clock'));
  }
  if (maxSpanMs !== undefined && toMs - fromMs > BigInt(maxSpanMs)) {
    return err(invalidArgument('to_ms', `the range may span at most ${maxSpanMs / 86_400_000} days`));
  }
  return ok({ fromMs: Number(fromMs), toMs: Number(toMs) });
}
