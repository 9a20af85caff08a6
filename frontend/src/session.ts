import { Actor, HttpAgent, type ActorSubclass, type Identity } from '@dfinity/agent';
import { AuthClient } from '@dfinity/auth-client';
import { profileIdlFactory, type ProfileService } from '@chargex/client';
import { canisterId, identityProviderUrl, isLocal, replicaHost } from './environment';

/** Sessions last 8 hours, Internet Identity's default. */
const SESSION_NS = BigInt(8 * 60 * 60) * 1_000_000_000n;

/** A signed-in person: their identity and the canister actors that call with it. */
export interface Session {
  identity: Identity;
  profile: ActorSubclass<ProfileService>;
}

let authClient: Promise<AuthClient> | undefined;
const client = (): Promise<AuthClient> => (authClient ??= AuthClient.create());

/** The session restored from the browser's storage, if the person signed in before and it has not expired. */
export async function restoreSession(): Promise<Session | undefined> {
  const auth = await client();
  return (await auth.isAuthenticated()) ? sessionFor(auth.getIdentity()) : undefined;
}

/** Opens Internet Identity and resolves with the new session (rejects if the person cancels). */
export async function signIn(): Promise<Session> {
  const auth = await client();
  await new Promise<void>((resolve, reject) =>
    auth.login({
      identityProvider: identityProviderUrl(),
      maxTimeToLive: SESSION_NS,
      onSuccess: () => resolve(),
      onError: (reason) => reject(new Error(reason ?? 'sign-in failed')),
    }),
  );
  return sessionFor(auth.getIdentity());
}

export async function signOut(): Promise<void> {
  await (await client()).logout();
}

async function sessionFor(identity: Identity): Promise<Session> {
  const agent = await HttpAgent.create({ identity, host: replicaHost(), shouldFetchRootKey: isLocal });
  return {
    identity,
    profile: Actor.createActor<ProfileService>(profileIdlFactory, { agent, canisterId: canisterId('profile') }),
  };
}
