import { CommonError, CommonErrorIdl, err, invalidArgument, isErr, ok, PageRequest, PageRequestIdl, Result, resultIdl, validatePage } from '@chargex/common';
import { IDL, msgCaller, query, time, update } from 'azle';

import { requireAlertReader, requireStaff } from '../access';
import { Alert, AlertIdl } from '../alert/alert';
import { actions, feedQuery, feeds, foundation } from '../app';
import { AlertFilter, AlertFilterIdl, FeedPage, FeedPageIdl } from '../feed/feed_query';

const AlertResultIdl = resultIdl(AlertIdl, CommonErrorIdl);
const FeedPageResultIdl = resultIdl(FeedPageIdl, CommonErrorIdl);
const MAX_MARK_READ = 100;

/** People's feeds and what they do with alerts; the fleet-wide list for staff. */
export class FeedApi {
  /** The caller's feed, newest first, with filters, paging and unread counts. */
  @query([AlertFilterIdl, PageRequestIdl], FeedPageResultIdl)
  my_feed(filter: AlertFilter, page: PageRequest): Result<FeedPage, CommonError> {
    const caller = msgCaller();
    const bounds = validatePage(page);
    const refused = foundation.guard.requireAuthenticated(caller);
    return refused ?? (isErr(bounds) ? bounds : ok(feedQuery.feedOf(caller, filter, page.cursor[0], bounds.Ok.limit)));
  }

  /** How many alerts in the caller's feed are unread. */
  @query([], IDL.Nat32)
  unread_count(): number {
    return feeds.countersOf(msgCaller()).unread;
  }

  /** Every alert, newest first, with filters (admins and fleet operators). */
  @query([AlertFilterIdl, PageRequestIdl], FeedPageResultIdl)
  list_alerts(filter: AlertFilter, page: PageRequest): Result<FeedPage, CommonError> {
    const caller = msgCaller();
    const bounds = validatePage(page);
    return requireStaff(caller) ?? (isErr(bounds) ? bounds : ok(feedQuery.all(caller, filter, page.cursor[0], bounds.Ok.limit)));
  }

  /** One alert with its history (its recipients and staff). */
  @query([IDL.Nat64], AlertResultIdl)
  get_alert(id: bigint): Result<Alert, CommonError> {
    return this.readable(id);
  }

  /** Marks alerts of the caller's feed read; returns the unread count left. */
  @update([IDL.Vec(IDL.Nat64)], resultIdl(IDL.Nat32, CommonErrorIdl))
  mark_read(ids: bigint[]): Result<number, CommonError> {
    const caller = msgCaller();
    const refused = foundation.guard.requireAuthenticated(caller);
    if (refused !== undefined) {
      return refused;
    }
    if (ids.length > MAX_MARK_READ) {
      return err(invalidArgument('ids', `must hold at most ${MAX_MARK_READ} alert ids`));
    }
    for (const id of ids) {
      const alert = actions.find(id);
      if (isErr(alert)) {
        return alert;
      }
      if (!alert.Ok.recipients.some((person) => person.compareTo(caller) === 'eq')) {
        return err(invalidArgument('ids', `alert ${id} is not in your feed`));
      }
    }
    feeds.markRead(caller, ids);
    return ok(feeds.countersOf(caller).unread);
  }

  /** Says someone is on it: active -> acknowledged (its recipients and staff), with an optional note. */
  @update([IDL.Nat64, IDL.Opt(IDL.Text)], AlertResultIdl)
  acknowledge(id: bigint, note: [] | [string]): Result<Alert, CommonError> {
    const alert = this.readable(id);
    return isErr(alert) ? alert : actions.acknowledge(alert.Ok, msgCaller(), note[0] ?? '', time());
  }

  /** Closes the alert: active or acknowledged -> resolved (its recipients and staff), with an optional note. */
  @update([IDL.Nat64, IDL.Opt(IDL.Text)], AlertResultIdl)
  resolve(id: bigint, note: [] | [string]): Result<Alert, CommonError> {
    const alert = this.readable(id);
    return isErr(alert) ? alert : actions.resolve(alert.Ok, msgCaller(), note[0] ?? '', time());
  }

  private readable(id: bigint): Result<Alert, CommonError> {
    const caller = msgCaller();
    const refused = foundation.guard.requireAuthenticated(caller);
    if (refused !== undefined) {
      return refused;
    }
    const alert = actions.find(id);
    return isErr(alert) ? alert : (requireAlertReader(caller, alert.Ok) ?? alert);
  }
}
