import { useState } from 'react';
import { allowedDurations, leaseCost } from '../../canisters/payments';
import type { Lease } from '../../canisters/types';
import { unwrap } from '../../errors/describe-error';
import { formatAmount } from '../../format/amount';
import { Button } from '../../ui/Button';
import { SelectField } from '../../ui/Field';
import { ApproveAndPay } from '../payments/ApproveAndPay';
import type { LeaseOffer } from './offers';

/**
 * Choosing a lease length, seeing what it costs, approving and paying: the lease opens with the payment and is
 * handed to `onLeased` (the offer itself leaves the market then, so the caller shows the outcome).
 */
export function LeaseFlow({ offer, onCancel, large = false, onLeased }: { offer: LeaseOffer; onCancel?: () => void; large?: boolean; onLeased: (lease: Lease) => void }) {
  const durations = allowedDurations(offer.terms);
  const [days, setDays] = useState(durations[0] ?? offer.terms.min_days);
  return (
    <div className="stack">
      <SelectField label="Lease length" value={String(days)} onChange={(event) => setDays(Number(event.target.value))}>
        {durations.map((option) => (
          <option key={option} value={option}>
            {option} days
          </option>
        ))}
      </SelectField>
      <ApproveAndPay
        allowanceFor={(fee) => leaseCost(offer.terms, days, fee).allowance}
        dueNow={leaseCost(offer.terms, days, 0n).upfront}
        payLabel="Pay deposit and first rent"
        large={large}
        breakdown={(fee, symbol) => {
          const cost = leaseCost(offer.terms, days, fee);
          return (
          <dl className="facts" data-testid="lease-cost">
            <dt>Deposit (returned at the end)</dt>
            <dd>{formatAmount(cost.deposit, symbol)}</dd>
            <dt>First {offer.terms.billing_period_days} days of rent</dt>
            <dd>{formatAmount(cost.firstRent, symbol)}</dd>
            <dt>Rent for {days} days</dt>
            <dd>{formatAmount(cost.totalRent, symbol)}</dd>
            <dt>Payments</dt>
            <dd>
              {cost.charges} ({formatAmount(fee, symbol)} network fee each)
            </dd>
          </dl>
          );
        }}
        pay={async (actors) =>
          unwrap(await actors.leasing.request_lease({ token_id: offer.battery.token_id, listing_id: offer.listing.listing_id, duration_days: days }))
        }
        onPaid={onLeased}
      />
      {onCancel && (
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      )}
    </div>
  );
}
