import { useEffect, useState, type FormEvent } from 'react';
import type { ProfileService } from '@chargex/client';
import { describeError } from './errors';
import type { Session } from './session';

type Profile = Extract<Awaited<ReturnType<ProfileService['get_my_profile']>>, { Ok: unknown }>['Ok'];

/** Shows the signed-in person's profile, or a form to create it the first time. */
export function ProfileCard({ session }: { session: Session }) {
  const [profile, setProfile] = useState<Profile | null | undefined>(undefined);
  const [error, setError] = useState<string>();

  useEffect(() => {
    session.profile.get_my_profile().then(
      (result) => {
        if ('Ok' in result) setProfile(result.Ok);
        else if ('NotFound' in result.Err) setProfile(null);
        else setError(describeError(result.Err));
      },
      (failure: unknown) => setError(String(failure)),
    );
  }, [session]);

  if (error) return <p role="alert">{error}</p>;
  if (profile === undefined) return <p>Loading your profile…</p>;
  if (profile === null) return <RegisterForm session={session} onRegistered={setProfile} />;
  return (
    <section aria-label="Your profile">
      <h2>{profile.display_name}</h2>
      <dl>
        <dt>Principal</dt>
        <dd data-testid="profile-owner">{profile.owner.toText()}</dd>
        <dt>Email</dt>
        <dd>{profile.email[0] ?? '—'}</dd>
        <dt>Member since</dt>
        <dd>{new Date(Number(profile.created_at / 1_000_000n)).toLocaleString()}</dd>
      </dl>
    </section>
  );
}

function RegisterForm({ session, onRegistered }: { session: Session; onRegistered: (profile: Profile) => void }) {
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const result = await session.profile.register({
        display_name: displayName,
        email: email ? [email] : [],
        phone: [],
      });
      if ('Ok' in result) onRegistered(result.Ok);
      else setError(describeError(result.Err));
    } catch (failure) {
      setError(String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label="Create your profile">
      <label>
        Display name <input value={displayName} onChange={(event) => setDisplayName(event.target.value)} required />
      </label>
      <label>
        Email <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        Create profile
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
