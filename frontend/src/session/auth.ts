/**
 * Signing in and out with Internet Identity, and the session that follows: loaded on demand (it brings the agent
 * and the auth client), so the first paint does not wait for them.
 */
import { AuthClient } from '@dfinity/auth-client';
import type { Identity } from '@dfinity/agent';
import { createActors, type Actors } from '../canisters/actors';
import { identityProviderUrl } from '../environment';

/** Sessions last 8 hours, Internet Identity's default. */
const SESSION_NS = BigInt(8 * 60 * 60) * 1_000_000_000n;

/** A signed-in person: their identity, principal and the canister actors that call with it. */
export interface Session {
  identity: Identity;
  principal: string;
  actors: Actors;
}

let authClient: Promise<AuthClient> | undefined;
const client = (): Promise<AuthClient> => (authClient ??= AuthClient.create({ idleOptions: { disableIdle: true } }));

/** The session kept in the browser from an earlier sign-in, if it has not expired. */
export async function restoreSession(): Promise<Session | undefined> {
  const auth = await client();
  return (await auth.isAuthenticated()) ? sessionFor(auth.getIdentity()) : undefined;
}

/** Opens Internet Identity and resolves with the new session; rejects if the person cancels. */
export async function signIn(): Promise<Session> {
  const auth = await client();
  await new Promise<void>((resolve, reject) =>
    auth.login({
      identityProvider: identityProviderUrl(),
      maxTimeToLive: SESSION_NS,
      onSuccess: () => resolve(),
      onError: (reason) => reject(new Error(reason ?? 'The sign-in did not complete.')),
    }),
  );
  return sessionFor(auth.getIdentity());
}

export async function signOut(): Promise<void> {
  await (await client()).logout();
}

async function sessionFor(identity: Identity): Promise<Session> {
  return { identity, principal: identity.getPrincipal().toText(), actors: await createActors(identity) };
}
