import { Principal } from '@dfinity/principal';
import type { Actors } from './actors';
import type { BatteryView, LatestEntry, Lease } from './types';
import { unwrap } from '../errors/describe-error';

/** ICRC-7's largest page here (leasing caps `take` at 200). */
const TOKEN_PAGE = 200n;
/** telemetry pages at most 100 entries (common's page limit). */
const TELEMETRY_PAGE = 100;

/** Every battery token, a page at a time. */
export async function allTokenIds(actors: Actors): Promise<bigint[]> {
  const ids: bigint[] = [];
  for (;;) {
    const page = await actors.leasing.icrc7_tokens(ids.length ? [ids[ids.length - 1]!] : [], [TOKEN_PAGE]);
    ids.push(...page);
    if (BigInt(page.length) < TOKEN_PAGE) return ids;
  }
}

/** The tokens an account holds. */
export async function tokenIdsOf(actors: Actors, owner: string): Promise<bigint[]> {
  const ids: bigint[] = [];
  const account = { owner: Principal.fromText(owner), subaccount: [] as [] };
  for (;;) {
    const page = await actors.leasing.icrc7_tokens_of(account, ids.length ? [ids[ids.length - 1]!] : [], [TOKEN_PAGE]);
    ids.push(...page);
    if (BigInt(page.length) < TOKEN_PAGE) return ids;
  }
}

/** The batteries of these tokens (those burnt in the meantime left out). */
export async function batteriesOf(actors: Actors, tokenIds: bigint[]): Promise<BatteryView[]> {
  const results = await Promise.all(tokenIds.map((id) => actors.leasing.get_battery(id)));
  return results.flatMap((result) => ('Ok' in result ? [result.Ok] : []));
}

/** The open or last lease of each token, by token id. */
export async function leasesOf(actors: Actors, tokenIds: bigint[]): Promise<Map<bigint, Lease>> {
  const leases = await Promise.all(tokenIds.map(async (id) => [id, (await actors.leasing.lease_of_battery(id))[0]] as const));
  return new Map(leases.flatMap(([id, lease]) => (lease ? [[id, lease] as const] : [])));
}

/** Newest reading per device: the whole fleet for fleet managers, else the devices the person owns. */
export async function latestReadings(actors: Actors, owner: string | undefined): Promise<LatestEntry[]> {
  const entries: LatestEntry[] = [];
  let cursor: [] | [bigint] = [];
  for (;;) {
    const page: { entries: LatestEntry[]; next_cursor: [] | [bigint] } = unwrap(await actors.telemetry.latest_readings(owner ? [Principal.fromText(owner)] : [], { cursor, limit: TELEMETRY_PAGE }));
    entries.push(...page.entries);
    if (!page.next_cursor[0]) return entries;
    cursor = page.next_cursor;
  }
}

/** Whether a lease holds the battery now. */
export function isOpen(lease: Lease | undefined): boolean {
  return !!lease && ('Active' in lease.status || 'Overdue' in lease.status);
}
