import { Link } from 'wouter';
import { allTokenIds, batteriesOf, leasesOf } from '../../canisters/fleet';
import { leaseStatus } from '../../canisters/lease-status';
import { useCanisterQuery } from '../../canisters/use-canister';
import type { BatteryView, Lease } from '../../canisters/types';
import { formatAmount } from '../../format/amount';
import { formatNs } from '../../format/time';
import { useSignedIn } from '../../session/SessionProvider';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { EmptyState, QueryView } from '../../ui/States';

/**
 * The person's leases with what is due next. leasing keeps no index by lessee, so this looks at the lease of every
 * battery token (one query each): fine for a fleet of hundreds.
 */
export function MyLeasesTab() {
  const { principal } = useSignedIn();
  const leases = useCanisterQuery(['my-leases'], async (actors) => {
    const tokens = await allTokenIds(actors);
    const byToken = await leasesOf(actors, tokens);
    const mine = [...byToken.values()].filter((lease) => lease.lessee.owner.toText() === principal);
    const batteries = new Map((await batteriesOf(actors, mine.map((lease) => lease.token_id))).map((view) => [view.token_id, view]));
    return mine.map((lease) => ({ lease, battery: batteries.get(lease.token_id) }));
  });
  return (
    <QueryView
      query={leases}
      loading="Loading your leases…"
      isEmpty={(list) => list.length === 0}
      empty={
        <EmptyState title="You have no leases yet.">
          <p>
            Pick a battery from the <Link href="/leasing">offers</Link>.
          </p>
        </EmptyState>
      }
    >
      {(list) => (
        <div className="grid" data-testid="my-leases">
          {list.map(({ lease, battery }) => (
            <LeaseCard key={lease.id.toString()} lease={lease} battery={battery} />
          ))}
        </div>
      )}
    </QueryView>
  );
}

function LeaseCard({ lease, battery }: { lease: Lease; battery?: BatteryView }) {
  const status = leaseStatus(lease);
  const open = 'Active' in lease.status || 'Overdue' in lease.status;
  const settlement = 'Returned' in lease.status ? lease.status.Returned : 'Defaulted' in lease.status ? lease.status.Defaulted : undefined;
  return (
    <Card title={`Lease #${lease.id}`} actions={<Badge tone={status.tone}>{status.label}</Badge>}>
      <dl className="facts">
        <dt>Battery</dt>
        <dd>
          <Link href={`/batteries/${lease.token_id}`}>{battery?.battery.serial ?? `#${lease.token_id}`}</Link>
        </dd>
        <dt>Runs</dt>
        <dd>
          {formatNs(lease.started_at)} to {formatNs(lease.ends_at)} ({lease.duration_days} days)
        </dd>
        <dt>Rent paid</dt>
        <dd>{formatAmount(lease.rent_paid)}</dd>
        {open && lease.next_charge_at[0] !== undefined && (
          <>
            <dt>Next payment</dt>
            <dd>
              {formatAmount(lease.terms.rate_per_day * BigInt(lease.terms.billing_period_days))} on {formatNs(lease.next_charge_at[0])}
            </dd>
          </>
        )}
        {lease.unpaid_rent > 0n && (
          <>
            <dt>Unpaid rent</dt>
            <dd>
              <strong>{formatAmount(lease.unpaid_rent)}</strong>
            </dd>
          </>
        )}
        <dt>Deposit held</dt>
        <dd>{formatAmount(lease.terms.deposit)}</dd>
        {settlement && (
          <>
            <dt>Deposit returned</dt>
            <dd>{formatAmount(settlement.to_lessee)}</dd>
          </>
        )}
      </dl>
      {open && (
        <p className="muted spaced">
          {'Overdue' in lease.status
            ? 'A payment could not be taken. Keep enough in your wallet and leasing approved; it is retried daily with late fees.'
            : 'Rent is taken from your wallet as each period starts. To end the lease, bring the battery back; the owner confirms the return and your deposit comes back.'}
        </p>
      )}
    </Card>
  );
}
