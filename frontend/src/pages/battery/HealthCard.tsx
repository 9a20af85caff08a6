import { useCanisterQuery } from '../../canisters/use-canister';
import { tagOf, type Anomaly } from '../../canisters/types';
import { unwrap } from '../../errors/describe-error';
import { formatNs } from '../../format/time';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { Stat } from '../../ui/Stat';
import { EmptyState, QueryView } from '../../ui/States';
import { TableScroll } from '../../ui/TableScroll';

/** ai's view of the battery: state of health, remaining life with its interval, and the anomaly history. */
export function HealthCard({ tokenId }: { tokenId: bigint }) {
  const health = useCanisterQuery(['health', tokenId.toString()], async (actors) => {
    const result = await actors.ai.battery_health(tokenId);
    if ('Err' in result && 'NotFound' in result.Err) return null;
    return unwrap(result);
  });
  const anomalies = useCanisterQuery(['anomalies', tokenId.toString()], async (actors) =>
    unwrap(await actors.ai.list_anomalies({ battery_token_id: [tokenId], kind: [], active_only: false, critical_only: false }, { cursor: [], limit: 50 })).anomalies,
  );
  return (
    <Card title="Health and predictions">
      <QueryView query={health} isEmpty={(data) => data === null} empty={<EmptyState title="No analysis yet.">ai starts once telemetry arrives.</EmptyState>}>
        {(data) => {
          const estimate = data!.health;
          const life = estimate.remaining_life[0];
          return (
            <div className="stats">
              <Stat label="State of health" value={estimate.state_of_health[0] === undefined ? '—' : `${(estimate.state_of_health[0] * 100).toFixed(1)} %`} />
              <Stat label="Remaining life" value={life?.days[0] === undefined ? '—' : `${Math.round(life.days[0])} days`} />
              <Stat label="Equivalent cycles" value={data!.equivalent_full_cycles.toFixed(1)} />
              <Stat label="Internal resistance" value={estimate.resistance_mohm[0] === undefined ? '—' : `${estimate.resistance_mohm[0].toFixed(1)} mΩ`} />
              <Stat label="Active anomalies" value={data!.active_anomalies.length} testId="active-anomalies" />
            </div>
          );
        }}
      </QueryView>
      <h3 className="spaced">Anomaly history</h3>
      <QueryView query={anomalies} isEmpty={(list) => list.length === 0} empty={<p className="muted">No anomalies recorded.</p>}>
        {(list) => <AnomalyTable anomalies={list} />}
      </QueryView>
    </Card>
  );
}

const SEVERITY_TONE = { critical: 'danger', warning: 'warning', info: 'info' } as const;

function AnomalyTable({ anomalies }: { anomalies: Anomaly[] }) {
  return (
    <TableScroll label="Anomaly history">
      <table data-testid="anomaly-table">
        <thead>
          <tr>
            <th scope="col">Raised</th>
            <th scope="col">Kind</th>
            <th scope="col">Severity</th>
            <th scope="col">Detail</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {anomalies.map((anomaly) => (
            <tr key={anomaly.id.toString()}>
              <td>{formatNs(anomaly.raised_at_ns)}</td>
              <td>{anomaly.kind.replace(/_/g, ' ')}</td>
              <td>
                <Badge tone={SEVERITY_TONE[tagOf(anomaly.severity)]}>{tagOf(anomaly.severity)}</Badge>
              </td>
              <td>{anomaly.evidence.detail}</td>
              <td>{anomaly.active ? 'active' : `cleared ${anomaly.cleared_at_ns[0] ? formatNs(anomaly.cleared_at_ns[0]) : ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
