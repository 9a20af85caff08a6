import { Link } from 'wouter';
import { leaseStatus } from '../../canisters/lease-status';
import { useCanisterQuery } from '../../canisters/use-canister';
import { formatAmount } from '../../format/amount';
import { formatNs } from '../../format/time';
import { shortPrincipal } from '../../format/principal';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { EmptyState, QueryView } from '../../ui/States';

/** The battery's current (or last) lease, and its offer on the market if it has one. */
export function LeaseSummaryCard({ tokenId }: { tokenId: bigint }) {
  const data = useCanisterQuery(['battery-lease', tokenId.toString()], async (actors) => {
    const [lease, listing] = await Promise.all([actors.leasing.lease_of_battery(tokenId), actors.leasing.get_listing(tokenId)]);
    return { lease: lease[0], listing: listing[0] };
  });
  return (
    <Card title="Lease">
      <QueryView query={data}>
        {({ lease, listing }) => (
          <div className="stack">
            {lease ? (
              <dl className="facts" data-testid="battery-lease">
                <dt>Status</dt>
                <dd>
                  <Badge tone={leaseStatus(lease).tone}>{leaseStatus(lease).label}</Badge>
                </dd>
                <dt>Lessee</dt>
                <dd className="mono" title={lease.lessee.owner.toText()}>
                  {shortPrincipal(lease.lessee.owner.toText())}
                </dd>
                <dt>Started</dt>
                <dd>{formatNs(lease.started_at)}</dd>
                <dt>Ends</dt>
                <dd>{formatNs(lease.ends_at)}</dd>
                <dt>Rent paid</dt>
                <dd>{formatAmount(lease.rent_paid)}</dd>
                <dt>Deposit</dt>
                <dd>{formatAmount(lease.terms.deposit)}</dd>
              </dl>
            ) : (
              <EmptyState title="Never leased." />
            )}
            {listing && (
              <p>
                {'Lease' in listing.offer ? 'Offered for lease' : `For sale at ${formatAmount(listing.offer.Sale.price)}`} —{' '}
                <Link href={'Lease' in listing.offer ? '/leasing' : '/market'}>see the offer</Link>.
              </p>
            )}
          </div>
        )}
      </QueryView>
    </Card>
  );
}
