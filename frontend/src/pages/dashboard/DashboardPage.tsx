import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { useCanisterQuery } from '../../canisters/use-canister';
import { useSignedIn } from '../../session/SessionProvider';
import { canManageFleet, useMyRoles } from '../../session/use-roles';
import { Card } from '../../ui/Card';
import { SelectField, TextField } from '../../ui/Field';
import { Stat } from '../../ui/Stat';
import { EmptyState, QueryView } from '../../ui/States';
import { FleetMap } from './FleetMap';
import { FleetTable } from './FleetTable';
import { loadFleet, STATUS_LABELS, type FleetRow, type FleetStatus } from './fleet-rows';
import './dashboard.css';

/** Telemetry arrives every minute or so: the overview follows it. */
const REFRESH_MS = 15_000;

/** The fleet at a glance: where the batteries are, how full and healthy they are, and what needs attention. */
export default function DashboardPage() {
  const { principal } = useSignedIn();
  const roles = useMyRoles();
  const manager = canManageFleet(roles.data);
  const fleet = useCanisterQuery(['fleet', manager], (actors) => loadFleet(actors, principal, manager, Date.now()), {
    refetchIntervalMs: REFRESH_MS,
    enabled: roles.isSuccess,
  });
  const [status, setStatus] = useState<FleetStatus | 'all'>('all');
  const [search, setSearch] = useState('');
  const [lowCharge, setLowCharge] = useState(false);
  const visible = useMemo(() => filterRows(fleet.data ?? [], status, search, lowCharge), [fleet.data, status, search, lowCharge]);

  return (
    <div className="page">
      <div className="page-header">
        <h1>{manager ? 'Fleet' : 'Your batteries'}</h1>
        <p>{manager ? 'Every battery, live from its monitor.' : 'The batteries you own, live from their monitors.'}</p>
      </div>
      <QueryView
        query={fleet}
        loading="Loading the fleet…"
        isEmpty={(rows) => rows.length === 0}
        empty={
          <EmptyState title={manager ? 'No batteries yet' : 'You own no batteries yet'}>
            {manager ? (
              <p>
                Register the first battery and its monitor on the <Link href="/admin">administration page</Link>.
              </p>
            ) : (
              <p>
                Lease one from the <Link href="/leasing">offers</Link> or buy one on the <Link href="/market">market</Link>.
              </p>
            )}
          </EmptyState>
        }
      >
        {(rows) => (
          <div className="stack">
            <Summary rows={rows} />
            <div className="dashboard-grid">
              <Card title="Map" className="dashboard-map">
                <FleetMap rows={visible} />
              </Card>
              <Card title="Filters">
                <div className="stack">
                  <SelectField label="Status" value={status} onChange={(event) => setStatus(event.target.value as FleetStatus | 'all')}>
                    <option value="all">All batteries</option>
                    {Object.entries(STATUS_LABELS).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </SelectField>
                  <TextField label="Search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} hint="Serial number, model or device" />
                  <label className="check">
                    <input type="checkbox" checked={lowCharge} onChange={(event) => setLowCharge(event.target.checked)} />
                    Below 20 % charge only
                  </label>
                </div>
              </Card>
            </div>
            <Card title={`Batteries (${visible.length} of ${rows.length})`}>
              {visible.length === 0 ? <EmptyState title="No battery matches these filters." /> : <FleetTable rows={visible} />}
            </Card>
          </div>
        )}
      </QueryView>
    </div>
  );
}

function Summary({ rows }: { rows: FleetRow[] }) {
  const charged = rows.filter((row) => row.socPercent !== undefined);
  const averageSoc = charged.length ? charged.reduce((sum, row) => sum + row.socPercent!, 0) / charged.length : undefined;
  return (
    <div className="stats" aria-label="Fleet summary">
      <Stat label="Batteries" value={rows.length} testId="stat-batteries" />
      <Stat label="Leased" value={rows.filter((row) => row.status === 'leased').length} />
      <Stat label="Need attention" value={rows.filter((row) => row.status === 'attention').length} testId="stat-attention" />
      <Stat label="Active alerts" value={rows.reduce((sum, row) => sum + row.alerts, 0)} testId="stat-alerts" />
      <Stat label="Average charge" value={averageSoc === undefined ? '—' : `${averageSoc.toFixed(0)} %`} />
    </div>
  );
}

function filterRows(rows: FleetRow[], status: FleetStatus | 'all', search: string, lowCharge: boolean): FleetRow[] {
  const needle = search.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (status === 'all' || row.status === status) &&
      (!lowCharge || (row.socPercent !== undefined && row.socPercent < 20)) &&
      (!needle || [row.serial, row.model, row.deviceId ?? ''].some((text) => text.toLowerCase().includes(needle))),
  );
}
