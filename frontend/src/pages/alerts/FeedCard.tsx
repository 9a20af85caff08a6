import { useState } from 'react';
import { Link } from 'wouter';
import { useCanisterMutation, useCanisterQuery } from '../../canisters/use-canister';
import { tagOf, type Alert, type AlertFilter } from '../../canisters/types';
import { describeError, unwrap } from '../../errors/describe-error';
import { formatNs } from '../../format/time';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { SelectField } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { EmptyState, QueryView } from '../../ui/States';

const SEVERITY_TONE = { critical: 'danger', warning: 'warning', info: 'info' } as const;
const STATE_TONE = { active: 'danger', acknowledged: 'warning', resolved: 'success' } as const;
const PAGE = 20;

type Severity = 'critical' | 'warning' | 'info';
type State = 'active' | 'acknowledged' | 'resolved';

/** The alerts routed to the person, newest first: filters, unread count, acknowledge and resolve. */
export function FeedCard() {
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [state, setState] = useState<State | ''>('');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const filter: AlertFilter = {
    severity: severity ? [{ [severity]: null } as AlertFilter['severity'][number]] : [],
    state: state ? [{ [state]: null } as AlertFilter['state'][number]] : [],
    battery_token_id: [],
    unread_only: unreadOnly,
  };
  const feed = useCanisterQuery(['alerts', 'feed', severity, state, unreadOnly, limit], async (actors) => unwrap(await actors.alerts.my_feed(filter, { cursor: [], limit })), {
    refetchIntervalMs: 15_000,
  });
  const markRead = useCanisterMutation(async (actors, ids: bigint[]) => unwrap(await actors.alerts.mark_read(BigUint64Array.from(ids))), [['alerts']]);
  const unread = feed.data?.unread ?? 0;

  return (
    <Card
      title={
        <>
          Your alerts{' '}
          <Badge tone={unread > 0 ? 'danger' : 'neutral'}>
            <span data-testid="unread-count">{unread}</span> unread
          </Badge>
        </>
      }
      actions={
        unread > 0 && feed.data ? (
          <Button variant="secondary" busy={markRead.isPending} onClick={() => markRead.mutate(feed.data.items.filter((item) => !item.read).map((item) => item.alert.id))}>
            Mark shown as read
          </Button>
        ) : undefined
      }
    >
      <div className="form-grid">
        <SelectField label="Severity" value={severity} onChange={(event) => setSeverity(event.target.value as Severity | '')}>
          <option value="">Any</option>
          <option value="critical">Critical</option>
          <option value="warning">Warning</option>
          <option value="info">Info</option>
        </SelectField>
        <SelectField label="State" value={state} onChange={(event) => setState(event.target.value as State | '')}>
          <option value="">Any</option>
          <option value="active">Active</option>
          <option value="acknowledged">Acknowledged</option>
          <option value="resolved">Resolved</option>
        </SelectField>
        <label className="check">
          <input type="checkbox" checked={unreadOnly} onChange={(event) => setUnreadOnly(event.target.checked)} />
          Unread only
        </label>
      </div>
      {markRead.isError && (
        <Notice tone="error">
          <p>{describeError(markRead.error)}</p>
        </Notice>
      )}
      <QueryView
        query={feed}
        isEmpty={(page) => page.items.length === 0}
        empty={
          <EmptyState title="No alerts here.">
            Alerts about the batteries you own, lease or look after appear here as soon as they are raised.
          </EmptyState>
        }
      >
        {(page) => (
          <>
            <ul className="alert-list" data-testid="alert-feed">
              {page.items.map((item) => (
                <AlertItem key={item.alert.id.toString()} alert={item.alert} read={item.read} />
              ))}
            </ul>
            {page.next_cursor.length > 0 && (
              <Button variant="secondary" onClick={() => setLimit(Math.min(100, limit + PAGE))} disabled={limit >= 100}>
                Show more
              </Button>
            )}
          </>
        )}
      </QueryView>
    </Card>
  );
}

function AlertItem({ alert, read }: { alert: Alert; read: boolean }) {
  const act = useCanisterMutation(
    async (actors, action: 'acknowledge' | 'resolve') => unwrap(await actors.alerts[action](alert.id, [])),
    [['alerts']],
  );
  const state = tagOf(alert.state);
  const battery = alert.battery_token_id[0];
  return (
    <li className={read ? 'alert-item' : 'alert-item alert-item--unread'} data-testid="alert-item">
      <div className="row">
        <Badge tone={SEVERITY_TONE[tagOf(alert.severity)]}>{tagOf(alert.severity)}</Badge>
        <strong>{alert.kind.replace(/_/g, ' ')}</strong>
        <Badge tone={STATE_TONE[state]}>{state}</Badge>
        {!read && <span className="visually-hidden">unread</span>}
      </div>
      <p>{alert.evidence.detail || 'No detail was given.'}</p>
      <p className="muted">
        {battery !== undefined && (
          <>
            <Link href={`/batteries/${battery}`}>Battery #{battery.toString()}</Link> ·{' '}
          </>
        )}
        from {alert.source} · last seen {formatNs(alert.last_seen_ns)}
        {alert.occurrences > 1 ? ` · ${alert.occurrences} times` : ''}
      </p>
      {state !== 'resolved' && (
        <div className="row">
          {state === 'active' && (
            <Button variant="secondary" busy={act.isPending && act.variables === 'acknowledge'} onClick={() => act.mutate('acknowledge')}>
              Acknowledge
            </Button>
          )}
          <Button variant="secondary" busy={act.isPending && act.variables === 'resolve'} onClick={() => act.mutate('resolve')}>
            Resolve
          </Button>
        </div>
      )}
      {act.isError && (
        <Notice tone="error">
          <p>{describeError(act.error)}</p>
        </Notice>
      )}
    </li>
  );
}
