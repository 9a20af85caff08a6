import { CommonError, invalidArgument } from '@chargex/common';

import { DeviceBatch } from '../api/ingest';
import { MAX_BATCHES_PER_CALL, MAX_READINGS_PER_CALL } from './limits';

/** Why a whole `ingest` call is too large to take, if it is (see limits.ts). */
export function callSizeProblem(batches: DeviceBatch[]): CommonError | undefined {
  if (batches.length > MAX_BATCHES_PER_CALL) {
    return invalidArgument('batches', `at most ${MAX_BATCHES_PER_CALL} batches per call`);
  }
  const readings = batches.reduce((sum, batch) => sum + batch.readings.length, 0);
  if (readings > MAX_READINGS_PER_CALL) {
    return invalidArgument('batches', `at most ${MAX_READINGS_PER_CALL} readings per call, got ${readings}`);
  }
  return undefined;
}
