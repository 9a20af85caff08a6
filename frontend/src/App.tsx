import { useEffect, useState } from 'react';
import { ProfileCard } from './ProfileCard';
import { restoreSession, signIn, signOut, type Session } from './session';

/** The app shell: sign in with Internet Identity, then the person's own profile. */
export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [error, setError] = useState<string>();

  useEffect(() => {
    restoreSession().then((restored) => setSession(restored ?? null), (failure: unknown) => setError(String(failure)));
  }, []);

  return (
    <main>
      <header>
        <h1>ChargeX</h1>
        {session && (
          <p>
            Signed in as <code data-testid="principal">{session.identity.getPrincipal().toText()}</code>{' '}
            <button onClick={() => signOut().then(() => setSession(null))}>Sign out</button>
          </p>
        )}
      </header>
      {error && <p role="alert">{error}</p>}
      {session === null && (
        <button onClick={() => signIn().then(setSession, (failure: unknown) => setError(String(failure)))}>
          Sign in with Internet Identity
        </button>
      )}
      {session && <ProfileCard session={session} />}
    </main>
  );
}
