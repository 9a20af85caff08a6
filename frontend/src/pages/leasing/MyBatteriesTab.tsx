import { batteriesOf, leasesOf, tokenIdsOf } from '../../canisters/fleet';
import { useCanisterQuery } from '../../canisters/use-canister';
import { useSignedIn } from '../../session/SessionProvider';
import { canManageFleet, useMyRoles } from '../../session/use-roles';
import { EmptyState, QueryView } from '../../ui/States';
import { EscrowCard } from './EscrowCard';
import { OwnedBatteryCard } from './OwnedBatteryCard';

/** The owner's side: each battery they hold, its lease and listing, and the forms to offer it. */
export function MyBatteriesTab() {
  const { principal } = useSignedIn();
  const roles = useMyRoles();
  const owned = useCanisterQuery(['owned-batteries'], async (actors) => {
    const tokens = await tokenIdsOf(actors, principal);
    const [batteries, leases, listings] = await Promise.all([
      batteriesOf(actors, tokens),
      leasesOf(actors, tokens),
      Promise.all(tokens.map(async (id) => [id, (await actors.leasing.get_listing(id))[0]] as const)),
    ]);
    const listingOf = new Map(listings);
    return batteries.map((battery) => ({ battery, lease: leases.get(battery.token_id), listing: listingOf.get(battery.token_id) }));
  });
  return (
    <div className="stack">
      {canManageFleet(roles.data) && <EscrowCard />}
      <QueryView
        query={owned}
        loading="Loading your batteries…"
        isEmpty={(list) => list.length === 0}
        empty={<EmptyState title="You own no batteries.">Batteries you buy or register show up here, ready to lease out.</EmptyState>}
      >
        {(list) => (
          <div className="grid" data-testid="owned-batteries">
            {list.map((entry) => (
              <OwnedBatteryCard key={entry.battery.token_id.toString()} {...entry} />
            ))}
          </div>
        )}
      </QueryView>
    </div>
  );
}
