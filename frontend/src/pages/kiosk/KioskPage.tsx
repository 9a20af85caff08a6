import { useEffect, useState } from 'react';
import { useCanisterQuery } from '../../canisters/use-canister';
import type { Lease } from '../../canisters/types';
import { formatAmount } from '../../format/amount';
import { formatNs } from '../../format/time';
import { Button } from '../../ui/Button';
import { EmptyState, QueryView } from '../../ui/States';
import { LeaseFlow } from '../leasing/LeaseFlow';
import { leaseOffers, offers, type LeaseOffer } from '../leasing/offers';
import './kiosk.css';

/** After a dispense the station returns to its start screen by itself. */
const RESET_AFTER_MS = 60_000;

/**
 * The station touchscreen: pick an available battery, lease and pay in one go, and see the dispense
 * confirmation. Large targets, one decision per screen.
 */
export default function KioskPage() {
  const available = useCanisterQuery(['listings', 'kiosk'], async (actors) => leaseOffers(await offers(actors)), { refetchIntervalMs: 30_000 });
  const [chosen, setChosen] = useState<LeaseOffer>();
  const [dispensed, setDispensed] = useState<{ offer: LeaseOffer; lease: Lease }>();

  useEffect(() => {
    if (!dispensed) return;
    const timer = setTimeout(() => {
      setDispensed(undefined);
      setChosen(undefined);
    }, RESET_AFTER_MS);
    return () => clearTimeout(timer);
  }, [dispensed]);

  const restart = () => {
    setDispensed(undefined);
    setChosen(undefined);
  };

  return (
    <div className="page kiosk">
      {dispensed ? (
        <section className="kiosk__done" aria-labelledby="dispense-heading" data-testid="dispense-confirmation">
          <div className="kiosk__check" aria-hidden="true">
            ✓
          </div>
          <h1 id="dispense-heading">Take your battery</h1>
          <p className="kiosk__big">
            Battery <strong>{dispensed.offer.battery.battery.serial}</strong> is unlocked for you.
          </p>
          <p>
            Lease #{dispensed.lease.id.toString()} runs until {formatNs(dispensed.lease.ends_at)}. Bring it back to any station; your deposit of{' '}
            {formatAmount(dispensed.lease.terms.deposit)} comes back when the return is confirmed.
          </p>
          <Button size="large" onClick={restart}>
            Done
          </Button>
        </section>
      ) : chosen ? (
        <section aria-labelledby="kiosk-lease-heading" className="stack">
          <h1 id="kiosk-lease-heading">Lease {chosen.battery.battery.serial}</h1>
          <LeaseFlow offer={chosen} large onCancel={() => setChosen(undefined)} onLeased={(lease) => setDispensed({ offer: chosen, lease })} />
        </section>
      ) : (
        <section aria-labelledby="kiosk-heading" className="stack">
          <h1 id="kiosk-heading">Choose a battery</h1>
          <QueryView
            query={available}
            loading="Finding available batteries…"
            isEmpty={(list) => list.length === 0}
            empty={<EmptyState title="No battery is available at this station right now.">Please try again in a few minutes.</EmptyState>}
          >
            {(list) => (
              <ul className="kiosk__choices" data-testid="kiosk-choices">
                {list.map((offer) => (
                  <li key={offer.listing.listing_id.toString()}>
                    <button type="button" className="kiosk__choice" onClick={() => setChosen(offer)}>
                      <span className="kiosk__serial">{offer.battery.battery.serial}</span>
                      <span>
                        {(offer.battery.battery.capacity_wh / 1000).toLocaleString('en-US')} kWh · health {(offer.battery.battery.state_of_health_bp / 100).toFixed(0)} %
                      </span>
                      <span className="kiosk__price">
                        {formatAmount(offer.terms.rate_per_day)} a day · deposit {formatAmount(offer.terms.deposit)}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </QueryView>
        </section>
      )}
    </div>
  );
}
