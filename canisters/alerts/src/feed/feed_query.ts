import { AlertSeverity, AlertSeverityIdl, named } from '@chargex/common';
import { IDL, Principal } from 'azle';

import { Alert, AlertIdl, AlertState, AlertStateIdl } from '../alert/alert';
import { AlertStore } from '../alert/alert_store';
import { FeedStore } from './feed_store';

/** Which alerts a listing shows (every field optional: no filter shows all). */
export interface AlertFilter {
  severity: [] | [AlertSeverity];
  battery_token_id: [] | [bigint];
  state: [] | [AlertState];
  unread_only: boolean;
}

/** Candid type of AlertFilter. */
export const AlertFilterIdl = named(
  'AlertFilter',
  IDL.Record({ severity: IDL.Opt(AlertSeverityIdl), battery_token_id: IDL.Opt(IDL.Nat), state: IDL.Opt(AlertStateIdl), unread_only: IDL.Bool })
);

/** An alert in a person's feed, with whether they have read it. */
export interface FeedItem {
  alert: Alert;
  read: boolean;
}

/** A page of a listing, newest first; `next_cursor` continues it (none when it is complete). */
export interface FeedPage {
  items: FeedItem[];
  next_cursor: [] | [bigint];
  unread: number;
  total: number;
}

/** Candid type of FeedPage. */
export const FeedPageIdl = named(
  'FeedPage',
  IDL.Record({
    items: IDL.Vec(named('FeedItem', IDL.Record({ alert: AlertIdl, read: IDL.Bool }))),
    next_cursor: IDL.Opt(IDL.Nat64),
    unread: IDL.Nat32,
    total: IDL.Nat32
  })
);

/** Most positions one page looks at, so a query with a narrow filter stays far inside the query limit. */
const MAX_SCAN = 1000;

/** Reads feeds and the whole alert list a page at a time, newest first, with filters. */
export class FeedQuery {
  constructor(
    private readonly alerts: AlertStore,
    private readonly feeds: FeedStore
  ) {}

  /** A person's feed; the cursor is the position to continue below. */
  feedOf(person: Principal, filter: AlertFilter, cursor: bigint | undefined, limit: number): FeedPage {
    const counters = this.feeds.countersOf(person);
    const items = this.collect(cursor ?? BigInt(counters.entries), limit, (position) => {
      const id = this.feeds.at(person, Number(position));
      const alert = id === undefined ? undefined : this.alerts.get(id);
      return alert === undefined ? undefined : { alert, read: this.feeds.isRead(person, alert.id) };
    }, filter);
    return { ...items, unread: counters.unread, total: counters.entries };
  }

  /** Every alert (staff); the cursor is the alert id to continue below; `read` is the caller's. */
  all(reader: Principal, filter: AlertFilter, cursor: bigint | undefined, limit: number): FeedPage {
    const items = this.collect(cursor ?? this.alerts.newestId() + 1n, limit, (position) => {
      const alert = this.alerts.get(position);
      return alert === undefined ? undefined : { alert, read: this.feeds.isRead(reader, alert.id) };
    }, filter, 1n);
    const counters = this.feeds.countersOf(reader);
    return { ...items, unread: counters.unread, total: this.alerts.count() };
  }

  private collect(
    below: bigint,
    limit: number,
    read: (position: bigint) => FeedItem | undefined,
    filter: AlertFilter,
    lowest = 0n
  ): Pick<FeedPage, 'items' | 'next_cursor'> {
    const items: FeedItem[] = [];
    let position = below - 1n;
    let scanned = 0;
    for (; position >= lowest && items.length < limit && scanned < MAX_SCAN; position--, scanned++) {
      const item = read(position);
      if (item !== undefined && matches(item, filter)) {
        items.push(item);
      }
    }
    return { items, next_cursor: position >= lowest ? [position + 1n] : [] };
  }
}

function matches(item: FeedItem, filter: AlertFilter): boolean {
  const { alert } = item;
  const severity = filter.severity[0];
  const state = filter.state[0];
  const battery = filter.battery_token_id[0];
  return (
    (severity === undefined || Object.keys(severity)[0] === Object.keys(alert.severity)[0]) &&
    (state === undefined || Object.keys(state)[0] === Object.keys(alert.state)[0]) &&
    (battery === undefined || alert.battery_token_id[0] === battery) &&
    (!filter.unread_only || !item.read)
  );
}
