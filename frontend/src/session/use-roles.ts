import { Principal } from '@dfinity/principal';
import { useCanisterQuery } from '../canisters/use-canister';
import { tagOf, type RoleName } from '../canisters/types';
import { unwrap } from '../errors/describe-error';
import { useSignedIn } from './SessionProvider';

/** The signed-in person's roles from profile (the source the other canisters replicate). */
export function useMyRoles() {
  const { principal } = useSignedIn();
  return useCanisterQuery(['roles', principal], async (actors) =>
    unwrap(await actors.profile.roles_of(Principal.fromText(principal))).map((role) => tagOf(role) as RoleName),
  );
}

/** Whether the person may manage the fleet (register batteries and devices, see every battery). */
export function canManageFleet(roles: readonly RoleName[] | undefined): boolean {
  return !!roles && (roles.includes('admin') || roles.includes('fleet_operator'));
}
