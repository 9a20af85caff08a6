import { useState, type FormEvent } from 'react';
import { useCanisterMutation, useCanisterQuery } from '../../canisters/use-canister';
import type { Profile, ProfileInput } from '../../canisters/types';
import { describeError, invalidField, unwrap } from '../../errors/describe-error';
import { formatNs } from '../../format/time';
import { useSignedIn } from '../../session/SessionProvider';
import { useMyRoles } from '../../session/use-roles';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { TextField } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { ErrorState, Loading } from '../../ui/States';
import { NotificationsCard } from './NotificationsCard';

const PROFILE_KEY = ['profile'];

/** The person's own profile: created the first time, edited after; their roles; how they are notified. */
export default function ProfilePage() {
  const profile = useCanisterQuery(PROFILE_KEY, async (actors) => {
    const result = await actors.profile.get_my_profile();
    if ('Err' in result && 'NotFound' in result.Err) return null;
    return unwrap(result);
  });
  return (
    <div className="page">
      <div className="page-header">
        <h1>Your profile</h1>
        <p>How others in ChargeX see you and how we reach you.</p>
      </div>
      {profile.isPending ? (
        <Loading label="Loading your profile…" />
      ) : profile.isError ? (
        <ErrorState error={profile.error} retry={() => void profile.refetch()} />
      ) : (
        <div className="stack">
          <ProfileForm profile={profile.data} />
          <RolesCard />
          {profile.data && <NotificationsCard profile={profile.data} />}
        </div>
      )}
    </div>
  );
}

function ProfileForm({ profile }: { profile: Profile | null }) {
  const { principal } = useSignedIn();
  const [displayName, setDisplayName] = useState(profile?.display_name ?? '');
  const [email, setEmail] = useState(profile?.email[0] ?? '');
  const [phone, setPhone] = useState(profile?.phone[0] ?? '');
  const save = useCanisterMutation(
    async (actors, input: ProfileInput) => unwrap(await (profile ? actors.profile.update_profile(input) : actors.profile.register(input))),
    [PROFILE_KEY],
  );
  const field = invalidField(save.error);
  const errorFor = (name: string) => (field === name ? describeError(save.error) : undefined);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ display_name: displayName.trim(), email: email.trim() ? [email.trim()] : [], phone: phone.trim() ? [phone.trim()] : [] });
  }

  return (
    <Card title={profile ? 'Details' : 'Create your profile'}>
      {!profile && <p className="muted">You are signed in. Tell us your name to start leasing and trading batteries.</p>}
      <form onSubmit={submit} aria-label={profile ? 'Edit your profile' : 'Create your profile'} noValidate>
        <div className="form-grid">
          <TextField label="Display name" value={displayName} onChange={(event) => setDisplayName(event.target.value)} required autoComplete="name" error={errorFor('display_name')} />
          <TextField label="Email" type="email" value={email} onChange={(event) => setEmail(event.target.value)} autoComplete="email" hint="Optional" error={errorFor('email')} />
          <TextField label="Phone" type="tel" value={phone} onChange={(event) => setPhone(event.target.value)} autoComplete="tel" hint="Optional, e.g. +41791234567" error={errorFor('phone')} />
        </div>
        {save.isError && !field && (
          <Notice tone="error">
            <p>{describeError(save.error)}</p>
          </Notice>
        )}
        {save.isSuccess && <Notice tone="success">Your profile is saved.</Notice>}
        <div className="form-actions">
          <Button type="submit" busy={save.isPending}>
            {profile ? 'Save changes' : 'Create profile'}
          </Button>
        </div>
      </form>
      {profile && (
        <dl className="facts spaced">
          <dt>Principal</dt>
          <dd className="mono" data-testid="profile-owner">
            {principal}
          </dd>
          <dt>Member since</dt>
          <dd>{formatNs(profile.created_at)}</dd>
        </dl>
      )}
    </Card>
  );
}

function RolesCard() {
  const roles = useMyRoles();
  return (
    <Card title="Your roles">
      {roles.isPending ? (
        <Loading inline />
      ) : roles.isError ? (
        <ErrorState error={roles.error} retry={() => void roles.refetch()} />
      ) : roles.data.length === 0 ? (
        <p className="muted">No roles yet. You can lease batteries and trade on the market; an administrator grants roles for fleet work.</p>
      ) : (
        <div className="row" data-testid="my-roles">
          {roles.data.map((role) => (
            <Badge key={role} tone="info">
              {role.replace(/_/g, ' ')}
            </Badge>
          ))}
        </div>
      )}
    </Card>
  );
}

