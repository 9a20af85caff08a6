import { allTokenIds, batteriesOf, isOpen, latestReadings, leasesOf, tokenIdsOf } from '../../canisters/fleet';
import type { Actors } from '../../canisters/actors';
import { tagOf, type BatteryView, type LatestEntry, type Lease } from '../../canisters/types';

/** A reading older than this means the monitor has gone quiet. */
export const OFFLINE_AFTER_MS = 15 * 60 * 1000;

export type FleetStatus = 'available' | 'leased' | 'attention' | 'offline';

/** One battery as the fleet view shows it: identity, where it is, how it is doing. */
export interface FleetRow {
  tokenId: bigint;
  serial: string;
  model: string;
  owner: string;
  socPercent?: number;
  healthPercent: number;
  position?: { lat: number; lon: number };
  lastSeenMs?: number;
  alerts: number;
  lease?: Lease;
  deviceId?: string;
  status: FleetStatus;
  /** Why the battery needs attention, in words. */
  reasons: string[];
}

/**
 * The fleet as one list: batteries from leasing (all of them for fleet managers, else the person's own), the
 * newest reading of each from telemetry, the lease from leasing and, for fleet managers, active anomalies from ai.
 */
export async function loadFleet(actors: Actors, principal: string, manager: boolean, nowMs: number): Promise<FleetRow[]> {
  const tokenIds = manager ? await allTokenIds(actors) : await tokenIdsOf(actors, principal);
  const [batteries, latest, leases, alerts] = await Promise.all([
    batteriesOf(actors, tokenIds),
    latestReadings(actors, manager ? undefined : principal),
    leasesOf(actors, tokenIds),
    manager ? activeAnomalies(actors, tokenIds) : Promise.resolve(new Map<bigint, number>()),
  ]);
  const readings = new Map(latest.map((entry) => [entry.battery_token_id, entry]));
  return batteries.map((view) => toRow(view, readings.get(view.token_id), leases.get(view.token_id), alerts.get(view.token_id) ?? 0, nowMs));
}

async function activeAnomalies(actors: Actors, tokenIds: bigint[]): Promise<Map<bigint, number>> {
  const counts = await Promise.all(
    tokenIds.map(async (id) => {
      const health = await actors.ai.battery_health(id);
      // A battery ai has not heard of yet has no anomalies.
      return [id, 'Ok' in health ? health.Ok.active_anomalies.length : 0] as const;
    }),
  );
  return new Map(counts);
}

function toRow(view: BatteryView, entry: LatestEntry | undefined, lease: Lease | undefined, alerts: number, nowMs: number): FleetRow {
  const reading = entry?.latest[0];
  const gps = reading?.gps[0];
  const lastSeenMs = reading ? Number(reading.timestamp_ms) : undefined;
  const socPercent = reading ? reading.soc_permille / 10 : undefined;
  const healthPercent = view.battery.state_of_health_bp / 100;
  const reasons: string[] = [];
  if (alerts > 0) reasons.push(`${alerts} active alert${alerts === 1 ? '' : 's'}`);
  if (lease && 'Overdue' in lease.status) reasons.push('lease payment overdue');
  if (healthPercent < 70) reasons.push('low state of health');
  if (socPercent !== undefined && socPercent < 15) reasons.push('nearly empty');
  if (entry && tagOf(entry.status) !== 'Active') reasons.push(`monitor ${tagOf(entry.status).toLowerCase()}`);
  const offline = lastSeenMs === undefined || nowMs - lastSeenMs > OFFLINE_AFTER_MS;
  const status: FleetStatus = reasons.length > 0 ? 'attention' : offline ? 'offline' : isOpen(lease) ? 'leased' : 'available';
  return {
    tokenId: view.token_id,
    serial: view.battery.serial,
    model: `${view.battery.manufacturer} ${view.battery.model}`,
    owner: view.owner.owner.toText(),
    socPercent,
    healthPercent,
    position: gps ? { lat: gps.lat_e7 / 1e7, lon: gps.lon_e7 / 1e7 } : undefined,
    lastSeenMs,
    alerts,
    lease,
    deviceId: entry?.device_id,
    status,
    reasons,
  };
}

export const STATUS_LABELS: Record<FleetStatus, string> = {
  available: 'Available',
  leased: 'Leased',
  attention: 'Needs attention',
  offline: 'No recent data',
};
