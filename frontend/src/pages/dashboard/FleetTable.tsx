import { Link } from 'wouter';
import { formatRelativeMs } from '../../format/time';
import { Badge, type Tone } from '../../ui/Badge';
import { Meter } from '../../ui/Stat';
import { STATUS_LABELS, type FleetRow, type FleetStatus } from './fleet-rows';
import { TableScroll } from '../../ui/TableScroll';

export const STATUS_TONES: Record<FleetStatus, Tone> = { available: 'success', leased: 'info', attention: 'danger', offline: 'neutral' };

/** The batteries as a table: the accessible twin of the map, and the one that works on every screen. */
export function FleetTable({ rows }: { rows: FleetRow[] }) {
  return (
    <TableScroll label="Batteries">
      <table data-testid="fleet-table">
        <thead>
          <tr>
            <th scope="col">Battery</th>
            <th scope="col">Status</th>
            <th scope="col">Charge</th>
            <th scope="col">Health</th>
            <th scope="col" className="number">
              Alerts
            </th>
            <th scope="col">Last reading</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.tokenId.toString()} data-testid={`fleet-row-${row.tokenId}`}>
              <td>
                <Link href={`/batteries/${row.tokenId}`}>{row.serial}</Link>
                <div className="muted">{row.model}</div>
              </td>
              <td>
                <Badge tone={STATUS_TONES[row.status]}>{STATUS_LABELS[row.status]}</Badge>
                {row.reasons.length > 0 && <div className="muted">{row.reasons.join(', ')}</div>}
              </td>
              <td>
                <Meter label={`Charge of ${row.serial}`} percent={row.socPercent} />
              </td>
              <td>
                <Meter label={`Health of ${row.serial}`} percent={row.healthPercent} />
              </td>
              <td className="number">{row.alerts}</td>
              <td>{row.lastSeenMs === undefined ? <span className="muted">none yet</span> : formatRelativeMs(row.lastSeenMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
