import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { useCanisterMutation, useCanisterQuery } from '../../canisters/use-canister';
import { describeError, unwrap } from '../../errors/describe-error';
import { formatAmount } from '../../format/amount';
import { formatNs } from '../../format/time';
import { useSignedIn } from '../../session/SessionProvider';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Notice } from '../../ui/Notice';
import { Meter } from '../../ui/Stat';
import { EmptyState, QueryView } from '../../ui/States';
import { offers, type Offer } from '../leasing/offers';
import { ApproveAndPay } from '../payments/ApproveAndPay';

/** The battery market: batteries for sale to buy outright, and the person's own listings. */
export default function MarketPage() {
  const { tab = '' } = useParams<{ tab?: string }>();
  const { principal } = useSignedIn();
  const all = useCanisterQuery(['listings', 'all'], (actors) => offers(actors));
  const mine = tab === 'mine';
  const [bought, setBought] = useState<string>();
  return (
    <div className="page">
      <div className="page-header">
        <h1>Market</h1>
        <p>Buy batteries outright with ckBTC, or see what you have listed. Lease offers are under <Link href="/leasing">Leasing</Link>.</p>
      </div>
      <nav className="tabs" aria-label="Market sections">
        <Link href="/market" aria-current={!mine ? 'page' : undefined}>
          For sale
        </Link>
        <Link href="/market/mine" aria-current={mine ? 'page' : undefined}>
          My listings
        </Link>
      </nav>
      {bought && (
        <Notice tone="success" title="The battery is yours">
          <p data-testid="purchase-done">
            {bought} now belongs to you: find it under <Link href="/leasing/owned">Batteries I lease out</Link>.
          </p>
        </Notice>
      )}
      <QueryView query={all} loading="Loading the market…">
        {(list) => {
          const shown = mine ? list.filter((offer) => offer.listing.seller.owner.toText() === principal) : list.filter((offer) => 'Sale' in offer.listing.offer);
          if (shown.length === 0) {
            return mine ? (
              <EmptyState title="You have nothing listed.">
                <p>
                  Offer your batteries under <Link href="/leasing/owned">Batteries I lease out</Link>.
                </p>
              </EmptyState>
            ) : (
              <EmptyState title="No batteries are for sale right now." />
            );
          }
          return (
            <div className="grid" data-testid={mine ? 'my-listings' : 'sale-listings'}>
              {shown.map((offer) => (mine ? <MyListingCard key={offer.listing.listing_id.toString()} offer={offer} /> : <SaleCard key={offer.listing.listing_id.toString()} offer={offer} onBought={setBought} />))}
            </div>
          );
        }}
      </QueryView>
    </div>
  );
}

function SaleCard({ offer, onBought }: { offer: Offer; onBought: (serial: string) => void }) {
  const { principal } = useSignedIn();
  const [buying, setBuying] = useState(false);
  const price = 'Sale' in offer.listing.offer ? offer.listing.offer.Sale.price : 0n;
  const { battery } = offer;
  return (
    <Card title={`${battery.battery.manufacturer} ${battery.battery.model}`} actions={<Badge tone="info">{formatAmount(price)}</Badge>}>
      <dl className="facts">
        <dt>Battery</dt>
        <dd>
          <Link href={`/batteries/${battery.token_id}`}>{battery.battery.serial}</Link>
        </dd>
        <dt>Health</dt>
        <dd>
          <Meter label={`Health of ${battery.battery.serial}`} percent={battery.battery.state_of_health_bp / 100} />
        </dd>
        <dt>Cycles</dt>
        <dd>{battery.battery.cycle_count}</dd>
        <dt>Listed</dt>
        <dd>{formatNs(offer.listing.listed_at)}</dd>
      </dl>
      <div className="spaced">
        {offer.listing.seller.owner.toText() === principal ? (
          <p className="muted">This is your own listing.</p>
        ) : buying ? (
          <ApproveAndPay
            allowanceFor={(fee) => price + fee}
            dueNow={price}
            payLabel="Pay and take ownership"
            pay={async (actors) => unwrap(await actors.leasing.buy_battery({ token_id: battery.token_id, listing_id: offer.listing.listing_id }))}
            onPaid={() => onBought(battery.battery.serial)}
          />
        ) : (
          <Button onClick={() => setBuying(true)}>Buy this battery</Button>
        )}
      </div>
    </Card>
  );
}

function MyListingCard({ offer }: { offer: Offer }) {
  const cancel = useCanisterMutation(async (actors, token: bigint) => unwrap(await actors.leasing.cancel_listing(token)), [['listings'], ['owned-batteries']]);
  const { listing, battery } = offer;
  return (
    <Card title={battery.battery.serial} actions={<Badge tone="info">{'Lease' in listing.offer ? 'For lease' : 'For sale'}</Badge>}>
      <p>{'Lease' in listing.offer ? `${formatAmount(listing.offer.Lease.rate_per_day)} a day, deposit ${formatAmount(listing.offer.Lease.deposit)}` : formatAmount(listing.offer.Sale.price)}</p>
      {cancel.isError && (
        <Notice tone="error">
          <p>{describeError(cancel.error)}</p>
        </Notice>
      )}
      <Button variant="secondary" busy={cancel.isPending} onClick={() => cancel.mutate(listing.token_id)}>
        Withdraw listing
      </Button>
    </Card>
  );
}
