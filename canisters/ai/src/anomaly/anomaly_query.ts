import { AlertSeverityIdl, CommonError, err, invalidArgument, named, ok, PageRequest, Result, validatePage } from '@chargex/common';
import { IDL } from 'azle';

import { BatteryStore } from '../battery/battery_store';
import { Anomaly, AnomalyIdl, isCritical } from './anomaly';
import { AnomalyStore } from './anomaly_store';
import { isAnomalyKind } from './finding';

/** Most anomalies one page examines (matching or not), so a filter matching little stays inside query limits. */
const SCAN_BUDGET = 2_000;

/** Which anomalies to list: all, or one battery's; of one kind; only active ones; only critical ones. */
export interface AnomalyFilter {
  battery_token_id: [] | [bigint];
  kind: [] | [string];
  active_only: boolean;
  critical_only: boolean;
}

/** Candid type of AnomalyFilter. */
export const AnomalyFilterIdl = named(
  'AnomalyFilter',
  IDL.Record({ battery_token_id: IDL.Opt(IDL.Nat), kind: IDL.Opt(IDL.Text), active_only: IDL.Bool, critical_only: IDL.Bool })
);

/**
 * A page of anomalies, newest first. `next_cursor` continues the listing (none at the end); a page may hold
 * fewer than `limit` matches, even none, when the filter is narrow and the page's scan budget ran out first.
 */
export interface AnomalyPage {
  anomalies: Anomaly[];
  next_cursor: [] | [bigint];
}

/** Candid type of AnomalyPage. */
export const AnomalyPageIdl = named('AnomalyPage', IDL.Record({ anomalies: IDL.Vec(AnomalyIdl), next_cursor: IDL.Opt(IDL.Nat64) }));

/** Reads anomalies newest first: by id for the whole fleet, by position in its own list for one battery. */
export class AnomalyQuery {
  constructor(
    private readonly store: AnomalyStore,
    private readonly batteries: BatteryStore
  ) {}

  list(filter: AnomalyFilter, page: PageRequest): Result<AnomalyPage, CommonError> {
    const bounds = validatePage(page);
    if ('Err' in bounds) {
      return bounds;
    }
    const kind = filter.kind[0];
    if (kind !== undefined && !isAnomalyKind(kind)) {
      return err(invalidArgument('kind', `is not an anomaly kind of ai`));
    }
    const matches = (anomaly: Anomaly) =>
      (kind === undefined || anomaly.kind === kind) && (!filter.active_only || anomaly.active) && (!filter.critical_only || isCritical(anomaly.severity));
    const tokenId = filter.battery_token_id[0];
    const cursor = page.cursor[0];
    if (tokenId === undefined) {
      return ok(this.scan(cursor ?? this.store.newestId(), (id) => this.store.get(id), matches, bounds.Ok.limit));
    }
    const count = BigInt(this.batteries.get(tokenId)?.anomalyCount ?? 0);
    const from = cursor === undefined || cursor > count ? count : cursor;
    return ok(this.scan(from, (key) => this.byPosition(tokenId, key - 1n), matches, bounds.Ok.limit));
  }

  /**
   * Walks keys `from`, `from - 1`, ... 1 (anomaly ids, or a battery's positions counted from 1), collecting
   * matches; the next cursor is the first key not read.
   */
  private scan(from: bigint, read: (key: bigint) => Anomaly | undefined, matches: (anomaly: Anomaly) => boolean, limit: number): AnomalyPage {
    const anomalies: Anomaly[] = [];
    let key = from;
    for (let examined = 0; key >= 1n && anomalies.length < limit && examined < SCAN_BUDGET; key--, examined++) {
      const anomaly = read(key);
      if (anomaly !== undefined && matches(anomaly)) {
        anomalies.push(anomaly);
      }
    }
    return { anomalies, next_cursor: key >= 1n ? [key] : [] };
  }

  private byPosition(tokenId: bigint, position: bigint): Anomaly | undefined {
    const id = this.store.idAt(tokenId, Number(position));
    return id === undefined ? undefined : this.store.get(id);
  }
}
