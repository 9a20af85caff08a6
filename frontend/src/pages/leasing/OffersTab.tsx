import { useState } from 'react';
import { Link } from 'wouter';
import { useCanisterQuery } from '../../canisters/use-canister';
import type { Lease } from '../../canisters/types';
import { formatAmount } from '../../format/amount';
import { formatNs } from '../../format/time';
import { useSignedIn } from '../../session/SessionProvider';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Notice } from '../../ui/Notice';
import { Meter } from '../../ui/Stat';
import { EmptyState, QueryView } from '../../ui/States';
import { LeaseFlow } from './LeaseFlow';
import { leaseOffers, offers, type LeaseOffer } from './offers';

/** Batteries offered for lease, each with its terms and a way to lease it. */
export function OffersTab() {
  const query = useCanisterQuery(['listings'], async (actors) => leaseOffers(await offers(actors)));
  const [chosen, setChosen] = useState<bigint>();
  const [started, setStarted] = useState<Lease>();
  return (
    <div className="stack">
      {started && (
        <Notice tone="success" title="Your lease has started">
          <p data-testid="lease-started">
            Lease #{started.id.toString()} runs until {formatNs(started.ends_at)}. See it under <Link href="/leasing/mine">My leases</Link>.
          </p>
        </Notice>
      )}
    <QueryView
      query={query}
      loading="Loading offers…"
      isEmpty={(list) => list.length === 0}
      empty={
        <EmptyState title="No batteries are offered for lease right now.">
          <p>
            Owners list their batteries under <Link href="/leasing/owned">Batteries I lease out</Link>.
          </p>
        </EmptyState>
      }
    >
      {(list) => (
        <div className="grid" data-testid="lease-offers">
          {list.map((offer) => (
            <OfferCard
              key={offer.listing.listing_id.toString()}
              offer={offer}
              open={chosen === offer.listing.listing_id}
              onOpen={() => setChosen(offer.listing.listing_id)}
              onClose={() => setChosen(undefined)}
              onLeased={setStarted}
            />
          ))}
        </div>
      )}
    </QueryView>
    </div>
  );
}

function OfferCard({ offer, open, onOpen, onClose, onLeased }: { offer: LeaseOffer; open: boolean; onOpen: () => void; onClose: () => void; onLeased: (lease: Lease) => void }) {
  const { principal } = useSignedIn();
  const { battery, terms } = offer;
  const own = offer.listing.seller.owner.toText() === principal;
  return (
    <Card title={`${battery.battery.manufacturer} ${battery.battery.model}`}>
      <dl className="facts">
        <dt>Battery</dt>
        <dd>
          <Link href={`/batteries/${battery.token_id}`}>{battery.battery.serial}</Link>
        </dd>
        <dt>Capacity</dt>
        <dd>{(battery.battery.capacity_wh / 1000).toLocaleString('en-US')} kWh</dd>
        <dt>Health</dt>
        <dd>
          <Meter label={`Health of ${battery.battery.serial}`} percent={battery.battery.state_of_health_bp / 100} />
        </dd>
        <dt>Rent</dt>
        <dd>{formatAmount(terms.rate_per_day)} a day, billed every {terms.billing_period_days} days</dd>
        <dt>Deposit</dt>
        <dd>{formatAmount(terms.deposit)}</dd>
        <dt>Term</dt>
        <dd>
          {terms.min_days} to {terms.max_days} days
        </dd>
      </dl>
      <div className="spaced">
        {own ? (
          <p className="muted">This is your own offer.</p>
        ) : open ? (
          <LeaseFlow offer={offer} onCancel={onClose} onLeased={onLeased} />
        ) : (
          <Button onClick={onOpen}>Lease this battery</Button>
        )}
      </div>
    </Card>
  );
}
