import { useState, type FormEvent } from 'react';
import { Principal } from '@dfinity/principal';
import { useCanisterMutation, useCanisterQuery } from '../../canisters/use-canister';
import type { Role, RoleName } from '../../canisters/types';
import { describeError, unwrap } from '../../errors/describe-error';
import { shortPrincipal } from '../../format/principal';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { SelectField, TextField } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { Loading } from '../../ui/States';

const ROLES: [RoleName, string][] = [
  ['admin', 'Administrator'],
  ['fleet_operator', 'Fleet operator'],
  ['station_operator', 'Station operator'],
  ['technician', 'Technician'],
  ['lessee', 'Lessee'],
  ['relayer', 'Telemetry relayer'],
  ['device', 'Device'],
];

/** Grants and revokes roles (administrators), and lists who holds each. */
export function RolesCard() {
  const [principal, setPrincipal] = useState('');
  const [role, setRole] = useState<RoleName>('fleet_operator');
  const [principalError, setPrincipalError] = useState<string>();
  const change = useCanisterMutation(
    async (actors, { who, action }: { who: Principal; action: 'grant' | 'revoke' }) => {
      const variant = { [role]: null } as Role;
      return unwrap(await (action === 'grant' ? actors.profile.grant_role(who, variant) : actors.profile.revoke_role(who, variant)));
    },
    [['roles'], ['role-members']],
  );

  function act(action: 'grant' | 'revoke') {
    return (event?: FormEvent) => {
      event?.preventDefault();
      try {
        const who = Principal.fromText(principal.trim());
        setPrincipalError(undefined);
        change.mutate({ who, action });
      } catch {
        setPrincipalError('Enter a principal, as shown on that person’s profile page.');
      }
    };
  }

  return (
    <Card title="Roles">
      <form onSubmit={act('grant')} aria-label="Grant or revoke a role" noValidate>
        <div className="form-grid">
          <TextField label="Principal" value={principal} onChange={(event) => setPrincipal(event.target.value)} className="input mono" spellCheck={false} error={principalError} />
          <SelectField label="Role" value={role} onChange={(event) => setRole(event.target.value as RoleName)}>
            {ROLES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
        </div>
        {change.isError && (
          <Notice tone="error">
            <p>{describeError(change.error)}</p>
          </Notice>
        )}
        {change.isSuccess && (
          <Notice tone="success">
            <p data-testid="role-changed">
              {'Grant' in change.data.action ? 'Granted' : 'Revoked'} {Object.keys(change.data.role)[0]?.replace(/_/g, ' ')} for {shortPrincipal(change.data.principal.toText())}.
            </p>
          </Notice>
        )}
        <div className="form-actions">
          <Button type="submit" busy={change.isPending && change.variables?.action === 'grant'}>
            Grant role
          </Button>
          <Button variant="secondary" busy={change.isPending && change.variables?.action === 'revoke'} onClick={() => act('revoke')()}>
            Revoke role
          </Button>
        </div>
      </form>
      <RoleMembers role={role} />
    </Card>
  );
}

function RoleMembers({ role }: { role: RoleName }) {
  const members = useCanisterQuery(['role-members', role], async (actors) =>
    unwrap(await actors.profile.list_role_members({ [role]: null } as Role, { cursor: [], limit: 100 })).members.map((member) => member.toText()),
  );
  const label = ROLES.find(([value]) => value === role)?.[1] ?? role;
  if (members.isPending) return <Loading inline />;
  if (members.isError) return <p className="muted">{describeError(members.error)}</p>;
  return (
    <div className="spaced">
      <h3>{label}s</h3>
      {members.data.length === 0 ? (
        <p className="muted">Nobody holds this role yet.</p>
      ) : (
        <ul className="mono">
          {members.data.map((member) => (
            <li key={member}>{member}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
