import { Link, useParams } from 'wouter';
import { useCanisterQuery } from '../../canisters/use-canister';
import { tagOf } from '../../canisters/types';
import { unwrap } from '../../errors/describe-error';
import { shortPrincipal } from '../../format/principal';
import { canManageFleet, useMyRoles } from '../../session/use-roles';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { Meter } from '../../ui/Stat';
import { EmptyState, QueryView } from '../../ui/States';
import { HealthCard } from './HealthCard';
import { HistoryCard } from './HistoryCard';
import { LatestReadingCard } from './LatestReadingCard';
import { LeaseSummaryCard } from './LeaseSummaryCard';
import { TelemetryChart } from './TelemetryChart';
import './battery.css';

/** One battery: what it is, where its lease stands, its live telemetry with proof, its health and its history. */
export default function BatteryPage() {
  const { tokenId: tokenText = '' } = useParams<{ tokenId: string }>();
  const tokenId = /^\d+$/.test(tokenText) ? BigInt(tokenText) : undefined;
  const roles = useMyRoles();
  const battery = useCanisterQuery(['battery', tokenText], async (actors) => unwrap(await actors.leasing.get_battery(tokenId!)), { enabled: tokenId !== undefined });

  if (tokenId === undefined) {
    return (
      <div className="page">
        <EmptyState title="There is no battery at this address." action={<Link href="/">Back to the fleet</Link>} />
      </div>
    );
  }
  return (
    <div className="page">
      <QueryView query={battery} loading="Loading the battery…">
        {(view) => (
          <div className="stack">
            <div className="page-header">
              <h1>
                Battery {view.battery.serial}
              </h1>
              <p>
                {view.battery.manufacturer} {view.battery.model} · token #{view.token_id.toString()}
              </p>
            </div>
            <div className="grid">
              <Card title="Battery">
                <dl className="facts">
                  <dt>Chemistry</dt>
                  <dd>{tagOf(view.battery.chemistry)}</dd>
                  <dt>Capacity</dt>
                  <dd>{(view.battery.capacity_wh / 1000).toLocaleString('en-US')} kWh</dd>
                  <dt>Nominal voltage</dt>
                  <dd>{(view.battery.nominal_voltage_mv / 1000).toLocaleString('en-US')} V</dd>
                  <dt>Health</dt>
                  <dd>
                    <Meter label="State of health" percent={view.battery.state_of_health_bp / 100} />
                  </dd>
                  <dt>Cycles</dt>
                  <dd>{view.battery.cycle_count}</dd>
                  <dt>Manufactured</dt>
                  <dd>{view.battery.manufactured_on}</dd>
                  <dt>Monitor</dt>
                  <dd className="mono">{view.battery.monitor_device_id}</dd>
                  <dt>Owner</dt>
                  <dd className="mono" title={view.owner.owner.toText()}>
                    {shortPrincipal(view.owner.owner.toText())}
                  </dd>
                </dl>
              </Card>
              <LeaseSummaryCard tokenId={tokenId} />
              <LatestReadingCard tokenId={tokenId} />
            </div>
            <Card title="Telemetry">
              <TelemetryChart tokenId={tokenId} />
            </Card>
            {canManageFleet(roles.data) ? (
              <HealthCard tokenId={tokenId} />
            ) : (
              <Card title="Health and anomalies">
                <p className="muted">
                  <Badge>Fleet staff</Badge> Predictions and anomaly history are shown to fleet operators and technicians.
                </p>
              </Card>
            )}
            <HistoryCard tokenId={tokenId} />
          </div>
        )}
      </QueryView>
    </div>
  );
}
