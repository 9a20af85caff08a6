import { CommonError, CommonErrorIdl, err, invalidArgument, notFound, ok, OutboxState, OutboxStateIdl, PageRequest, PageRequestIdl, Result, resultIdl } from '@chargex/common';
import { IDL, msgCaller, query } from 'azle';

import { requireReader } from '../access';
import { anomalies, anomalyQuery, batteries, foundation, models, outbox } from '../app';
import { AnomalyFilter, AnomalyFilterIdl, AnomalyPage, AnomalyPageIdl } from '../anomaly/anomaly_query';
import { BatteryHealth, batteryHealth, BatteryHealthIdl } from '../health/battery_health';
import { FleetSummary, fleetSummary, FleetSummaryIdl } from '../health/fleet_summary';

/** What ai knows about batteries, for the people who look after them (fleet operators, technicians, admins). */
export class HealthApi {
  /** The fleet at a glance: counts, mean state of health, and up to `limit` (at most 100) batteries worst first. */
  @query([IDL.Nat32], resultIdl(FleetSummaryIdl, CommonErrorIdl))
  fleet_summary(limit: number): Result<FleetSummary, CommonError> {
    const refused = requireReader(msgCaller());
    if (refused !== undefined) {
      return refused;
    }
    if (limit < 1 || limit > 100) {
      return err(invalidArgument('limit', 'must be from 1 to 100'));
    }
    return ok(fleetSummary(batteries, anomalies, models.active().params, limit));
  }

  /** One battery's usage, temperatures, latest values and active anomalies. */
  @query([IDL.Nat], resultIdl(BatteryHealthIdl, CommonErrorIdl))
  battery_health(tokenId: bigint): Result<BatteryHealth, CommonError> {
    const refused = requireReader(msgCaller());
    if (refused !== undefined) {
      return refused;
    }
    const state = batteries.get(tokenId);
    return state === undefined ? err(notFound('battery', tokenId.toString())) : ok(batteryHealth(tokenId, state, anomalies, models.active().params));
  }

  /** Anomalies newest first, of the whole fleet or one battery, filtered by kind, activity and severity. */
  @query([AnomalyFilterIdl, PageRequestIdl], resultIdl(AnomalyPageIdl, CommonErrorIdl))
  list_anomalies(filter: AnomalyFilter, page: PageRequest): Result<AnomalyPage, CommonError> {
    return requireReader(msgCaller()) ?? anomalyQuery.list(filter, page);
  }

  /** The signals waiting for alerts and how sending went (admins). */
  @query([], resultIdl(OutboxStateIdl, CommonErrorIdl))
  signal_outbox(): Result<OutboxState, CommonError> {
    return foundation.guard.requireAdmin(msgCaller()) ?? ok(outbox.state());
  }
}
