/**
 * A minimal dapp for the browser test: logs in with @dfinity/auth-client against the identity provider it is
 * given, then calls the profile canister as the logged-in principal and shows what came back. Its settings come
 * from the query string, so the test can start everything on free ports.
 */
import { Actor, HttpAgent, type Identity } from '@dfinity/agent';
import { AuthClient } from '@dfinity/auth-client';
import { profileIdlFactory, type ProfileService } from '@chargex/client';

const settings = new URLSearchParams(location.search);
const replicaUrl = required('replica');
const profileCanisterId = required('profile');
const identityProvider = required('identityProvider');

function required(name: string): string {
  const value = settings.get(name);
  if (!value) throw new Error(`missing ?${name}=`);
  return value;
}

function show(id: string, text: string): void {
  document.getElementById(id)!.textContent = text;
}

async function callProfile(identity: Identity): Promise<void> {
  const agent = await HttpAgent.create({ host: replicaUrl, identity, shouldFetchRootKey: true });
  const profile = Actor.createActor<ProfileService>(profileIdlFactory, { agent, canisterId: profileCanisterId });
  const registered = await profile.register({ display_name: 'Browser tester', email: [], phone: [] });
  // A second login finds the profile of the first: that is the point of a stable principal.
  show('register', 'Ok' in registered ? 'registered' : Object.keys(registered.Err)[0]!);
  const mine = await profile.get_my_profile();
  if (!('Ok' in mine)) throw new Error(`get_my_profile: ${Object.keys(mine.Err)[0]}`);
  show('profile-owner', mine.Ok.owner.toText());
  show('profile-name', mine.Ok.display_name);
}

async function main(): Promise<void> {
  // No idle logout: the test decides when the session ends.
  const client = await AuthClient.create({ idleOptions: { disableIdle: true } });
  document.getElementById('login')!.addEventListener('click', () => {
    show('state', 'logging in');
    void client.login({
      identityProvider,
      onSuccess: async () => {
        const identity = client.getIdentity();
        show('principal', identity.getPrincipal().toText());
        try {
          await callProfile(identity);
          show('state', 'ready');
        } catch (error) {
          show('state', `error: ${(error as Error).message}`);
        }
      },
      onError: (error) => show('state', `login failed: ${error}`),
    });
  });
  document.getElementById('logout')!.addEventListener('click', async () => {
    await client.logout();
    for (const id of ['principal', 'register', 'profile-owner', 'profile-name']) show(id, '');
    show('state', 'logged out');
  });
  show('state', (await client.isAuthenticated()) ? 'authenticated' : 'logged out');
}

main().catch((error: unknown) => show('state', `error: ${(error as Error).message}`));
