import { CommonError, err, isErr, notFound, ok, Result } from '@chargex/common';
import { Principal } from 'azle';

import { LatestReading, RangePage, RangeRequest, Statistics, StatisticsRequest } from '../api/query';
import { TelemetryAccess } from '../access/telemetry_access';
import { BatteryDirectory } from '../registry/battery_directory';
import { RollupResolution, RollupStore } from '../rollups/rollup_store';
import { ChunkStore } from '../storage/chunk_store';
import { LatestReadings } from './latest';
import { rawRange, rollupRange } from './range';
import { validateRange, validateStatistics } from './range_request';
import { statistics } from './statistics';

/** The queries about one battery's telemetry, for fleet managers and the battery's owner. */
export class BatteryQueries {
  constructor(
    private readonly access: TelemetryAccess,
    private readonly batteries: BatteryDirectory,
    private readonly chunks: ChunkStore,
    private readonly rollups: Record<RollupResolution, RollupStore>,
    private readonly latestReadings: LatestReadings
  ) {}

  /** The battery's newest reading. */
  latest(caller: Principal, tokenId: bigint): Result<LatestReading, CommonError> {
    const battery = this.resolve(caller, tokenId);
    if (isErr(battery)) {
      return battery;
    }
    const latest = this.latestReadings.ofBattery(battery.Ok);
    return latest === undefined ? err(notFound('reading', tokenId.toString())) : ok(latest);
  }

  /** A page of the battery's readings or rollups over a time range. */
  range(caller: Principal, request: RangeRequest): Result<RangePage, CommonError> {
    const battery = this.resolve(caller, request.battery_token_id);
    if (isErr(battery)) {
      return battery;
    }
    const range = validateRange(request);
    if (isErr(range)) {
      return range;
    }
    const { fromMs, toMs, limit } = range.Ok;
    const resolution = request.resolution;
    if ('Raw' in resolution) {
      return ok(rawRange(this.chunks, battery.Ok, fromMs, toMs, limit));
    }
    const store = 'Minute' in resolution ? this.rollups.minute : 'Hour' in resolution ? this.rollups.hour : this.rollups.day;
    return ok(rollupRange(store, battery.Ok, fromMs, toMs, limit));
  }

  /** Count and metrics of the battery over a time range. */
  statistics(caller: Principal, request: StatisticsRequest): Result<Statistics, CommonError> {
    const battery = this.resolve(caller, request.battery_token_id);
    if (isErr(battery)) {
      return battery;
    }
    const range = validateStatistics(request);
    if (isErr(range)) {
      return range;
    }
    return ok(statistics(this.rollups, battery.Ok, range.Ok.fromMs, range.Ok.toMs));
  }

  /** The battery's number, if it exists and the caller may read it. */
  private resolve(caller: Principal, tokenId: bigint): Result<number, CommonError> {
    const number = this.batteries.numberOf(tokenId);
    const owner = number === undefined ? undefined : this.batteries.get(number).owner;
    const refused = this.access.requireFleetManagerOrOwner(caller, owner);
    if (refused !== undefined) {
      return refused;
    }
    return number === undefined ? err(notFound('battery', tokenId.toString())) : ok(number);
  }
}
