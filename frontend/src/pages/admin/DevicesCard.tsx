import { Link } from 'wouter';
import { useCanisterQuery } from '../../canisters/use-canister';
import { tagOf, type Device } from '../../canisters/types';
import { unwrap } from '../../errors/describe-error';
import { formatNs } from '../../format/time';
import { shortPrincipal } from '../../format/principal';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { EmptyState, QueryView } from '../../ui/States';
import { TableScroll } from '../../ui/TableScroll';

/** The monitors telemetry knows, with their state. */
export function DevicesCard() {
  const devices = useCanisterQuery(['devices'], async (actors) => {
    const all: Device[] = [];
    let cursor: [] | [bigint] = [];
    for (;;) {
      const page: { devices: Device[]; next_cursor: [] | [bigint] } = unwrap(await actors.telemetry.list_devices([], { cursor, limit: 100 }));
      all.push(...page.devices);
      if (!page.next_cursor[0]) return all;
      cursor = page.next_cursor;
    }
  });
  return (
    <Card title="Monitor devices">
      <QueryView query={devices} isEmpty={(list) => list.length === 0} empty={<EmptyState title="No monitors registered yet." />}>
        {(list) => (
          <TableScroll label="Monitor devices">
            <table>
              <thead>
                <tr>
                  <th scope="col">Device</th>
                  <th scope="col">Battery</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last sequence</th>
                  <th scope="col">Registered</th>
                </tr>
              </thead>
              <tbody>
                {list.map((device) => {
                  const status = tagOf(device.status);
                  return (
                    <tr key={device.device_id}>
                      <td className="mono">{device.device_id}</td>
                      <td>
                        <Link href={`/batteries/${device.battery_token_id}`}>#{device.battery_token_id.toString()}</Link>
                      </td>
                      <td className="mono" title={device.owner.toText()}>
                        {shortPrincipal(device.owner.toText())}
                      </td>
                      <td>
                        <Badge tone={status === 'Active' ? 'success' : status === 'Suspended' ? 'warning' : 'neutral'}>{status}</Badge>
                      </td>
                      <td className="number">{device.last_sequence[0]?.toString() ?? '—'}</td>
                      <td>{formatNs(device.registered_at)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </QueryView>
    </Card>
  );
}
