/**
 * Plain names for the canister types the pages use, taken from the generated service types so they follow the
 * .did files.
 */
import type { AiService, AlertsService, LeasingService, LedgerService, ProfileService, TelemetryService } from '@chargex/client';

type Returned<S, M extends keyof S> = S[M] extends (...args: never[]) => Promise<infer R> ? R : never;
type Ok<T> = T extends { Ok: infer V } ? V : never;
type Arg<S, M extends keyof S, I extends number = 0> = S[M] extends (...args: infer A) => unknown ? A[I] : never;
type Element<T> = T extends readonly (infer E)[] ? E : never;

export type Profile = Ok<Returned<ProfileService, 'get_my_profile'>>;
export type ProfileInput = Arg<ProfileService, 'register'>;
export type Role = Element<Ok<Returned<ProfileService, 'roles_of'>>>;
export type RoleName = Role extends infer R ? (R extends Record<infer K, null> ? K & string : never) : never;

export type BatteryView = Ok<Returned<LeasingService, 'get_battery'>>;
export type Battery = BatteryView['battery'];
export type BatteryRegistration = Arg<LeasingService, 'register_battery'>;
export type Chemistry = Battery['chemistry'];
export type Lease = Ok<Returned<LeasingService, 'get_lease'>>;
export type LeaseTerms = Lease['terms'];
export type Listing = Element<Returned<LeasingService, 'listings'>>;
export type Account = BatteryView['owner'];
export type Icrc3Value = Returned<LeasingService, 'icrc3_get_blocks'>['blocks'][number]['block'];

export type DeviceRegistration = Arg<TelemetryService, 'register_device'>;
export type Device = Ok<Returned<TelemetryService, 'get_device'>>;
export type LatestEntry = Ok<Returned<TelemetryService, 'latest_readings'>>['entries'][number];
export type StoredReading = LatestEntry['latest'] extends [] | [infer R] ? R : never;
export type RangePage = Ok<Returned<TelemetryService, 'readings_range'>>;
export type RollupPoint = RangePage['rollups'][number];
export type Resolution = Arg<TelemetryService, 'readings_range'>['resolution'];
export type ReadingProof = Ok<Returned<TelemetryService, 'reading_proof'>>;

export type BatteryHealth = Ok<Returned<AiService, 'battery_health'>>;
export type Anomaly = BatteryHealth['active_anomalies'][number];

export type AlertFilter = Arg<AlertsService, 'my_feed'>;
export type FeedPage = Ok<Returned<AlertsService, 'my_feed'>>;
export type FeedItem = FeedPage['items'][number];
export type Alert = FeedItem['alert'];
export type WebhookEndpoint = Element<Returned<AlertsService, 'my_webhooks'>>;
export type WebhookInput = Arg<AlertsService, 'add_webhook'>;
export type DeliverySettings = Returned<AlertsService, 'my_delivery_settings'>;

export type LedgerBlock = Returned<LedgerService, 'icrc3_get_blocks'>['blocks'][number];

/** The tag of a variant with empty payloads, e.g. `{ Active: null }` -> `'Active'`. */
export function tagOf<V extends object>(variant: V): V extends unknown ? keyof V & string : never {
  return Object.keys(variant)[0] as V extends unknown ? keyof V & string : never;
}
