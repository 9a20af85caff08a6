import { useState } from 'react';
import { Link } from 'wouter';
import { isOpen } from '../../canisters/fleet';
import { leaseStatus } from '../../canisters/lease-status';
import { useCanisterMutation } from '../../canisters/use-canister';
import type { BatteryView, Lease, Listing } from '../../canisters/types';
import { describeError, unwrap } from '../../errors/describe-error';
import { formatAmount } from '../../format/amount';
import { formatNs } from '../../format/time';
import { shortPrincipal } from '../../format/principal';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Notice } from '../../ui/Notice';
import { ListingForm } from './ListingForm';

const OWNED_KEYS = [['owned-batteries'], ['listings'], ['battery-lease'], ['my-leases']];

/** One battery the person owns: its lease (with the return to confirm), its listing, and offering it. */
export function OwnedBatteryCard({ battery, lease, listing }: { battery: BatteryView; lease?: Lease; listing?: Listing }) {
  const [offering, setOffering] = useState<'lease' | 'sale'>();
  const confirmReturn = useCanisterMutation(async (actors, id: bigint) => unwrap(await actors.leasing.return_lease(id)), OWNED_KEYS);
  const cancel = useCanisterMutation(async (actors, token: bigint) => unwrap(await actors.leasing.cancel_listing(token)), OWNED_KEYS);
  const leased = isOpen(lease);
  return (
    <Card title={battery.battery.serial} actions={leased && lease ? <Badge tone={leaseStatus(lease).tone}>Leased · {leaseStatus(lease).label}</Badge> : undefined}>
      <p>
        <Link href={`/batteries/${battery.token_id}`}>
          {battery.battery.manufacturer} {battery.battery.model}
        </Link>
      </p>
      {leased && lease && (
        <dl className="facts" data-testid={`owned-lease-${battery.token_id}`}>
          <dt>Lessee</dt>
          <dd className="mono" title={lease.lessee.owner.toText()}>
            {shortPrincipal(lease.lessee.owner.toText())}
          </dd>
          <dt>Until</dt>
          <dd>{formatNs(lease.ends_at)}</dd>
          <dt>Rent received</dt>
          <dd>{formatAmount(lease.rent_paid)}</dd>
          <dt>Deposit in escrow</dt>
          <dd>{formatAmount(lease.terms.deposit)}</dd>
        </dl>
      )}
      {listing && (
        <p className="spaced">
          <Badge tone="info">Listed</Badge>{' '}
          {'Lease' in listing.offer ? `for lease at ${formatAmount(listing.offer.Lease.rate_per_day)} a day` : `for sale at ${formatAmount(listing.offer.Sale.price)}`}
        </p>
      )}
      {(confirmReturn.isError || cancel.isError) && (
        <Notice tone="error">
          <p>{describeError(confirmReturn.error ?? cancel.error)}</p>
        </Notice>
      )}
      {confirmReturn.isSuccess && <Notice tone="success">Return confirmed; the deposit is settled.</Notice>}
      {offering ? (
        <ListingForm tokenId={battery.token_id} kind={offering} onDone={() => setOffering(undefined)} />
      ) : (
        <div className="form-actions">
          {leased && lease && (
            <Button busy={confirmReturn.isPending} onClick={() => confirmReturn.mutate(lease.id)}>
              Confirm return
            </Button>
          )}
          {listing ? (
            <Button variant="secondary" busy={cancel.isPending} onClick={() => cancel.mutate(battery.token_id)}>
              Withdraw listing
            </Button>
          ) : (
            <>
              {!leased && (
                <Button variant="secondary" onClick={() => setOffering('lease')}>
                  Offer for lease
                </Button>
              )}
              <Button variant="secondary" onClick={() => setOffering('sale')}>
                Offer for sale
              </Button>
            </>
          )}
        </div>
      )}
    </Card>
  );
}
