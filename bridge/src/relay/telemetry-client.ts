import { Actor, HttpAgent, type Identity } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { telemetryIdlFactory, type TelemetryService } from '@chargex/client';
import type { Batch } from '../protocol/batch.js';
import type { DevicePublicKey } from '../protocol/signature.js';

/**
 * The bridge's view of the telemetry canister, and its only contact with it: read the device registry's key
 * entries by version, and relay batches with `ingest`. Everything canister-shaped (candid records, opt arrays,
 * variants, float units) is converted here, so the rest of the bridge sees plain TypeScript values.
 */
export interface TelemetryClient {
  /** Key entries of devices changed after registry version `after`. */
  deviceKeysSince(after: bigint, limit: number): Promise<DeviceKeysPage>;
  /** How large one ingest call may be. */
  ingestLimits(): Promise<IngestLimits>;
  /** Relays batches; one outcome per batch, in order. Throws TelemetryCallError when the call itself fails. */
  ingest(batches: Batch[]): Promise<IngestOutcome[]>;
}

export interface IngestLimits {
  maxBatchesPerCall: number;
  maxReadingsPerCall: number;
}

export type DeviceStatus = 'active' | 'suspended' | 'retired';

export interface DeviceKeyEntry {
  deviceId: string;
  key: DevicePublicKey;
  status: DeviceStatus;
  batteryTokenId: bigint;
  version: bigint;
}

export interface DeviceKeysPage {
  entries: DeviceKeyEntry[];
  nextVersion: bigint;
  headVersion: bigint;
}

/** Stored (possibly as a duplicate of an earlier ingest, possibly with some readings rejected) or refused whole. */
export type IngestOutcome =
  | { kind: 'stored'; duplicate: boolean; accepted: number; rejected: number }
  | { kind: 'refused'; reason: string };

/** An ingest or registry call that failed as a whole (network, reject, or an Err answer): worth retrying. */
export class TelemetryCallError extends Error {
  override readonly name = 'TelemetryCallError';
}

export interface AgentTelemetryOptions {
  host: string;
  canisterId: string;
  identity: Identity;
  /** Local replicas only: trust the root key the endpoint serves. */
  fetchRootKey: boolean;
}

/** A TelemetryClient speaking to the canister through @dfinity/agent over the IC HTTP interface. */
export function createTelemetryClient(options: AgentTelemetryOptions): TelemetryClient {
  const agent = HttpAgent.createSync({ host: options.host, identity: options.identity });
  let rootKeyFetched = !options.fetchRootKey;
  const actor = Actor.createActor<TelemetryService>(telemetryIdlFactory, { agent, canisterId: Principal.fromText(options.canisterId) });
  // The endpoint may be down when the bridge starts; the root key is fetched with the first call that gets through.
  const call = async <T>(what: string, run: () => Promise<{ Ok: T } | { Err: unknown }>): Promise<T> => {
    let result: { Ok: T } | { Err: unknown };
    try {
      if (!rootKeyFetched) {
        await agent.fetchRootKey();
        rootKeyFetched = true;
      }
      result = await run();
    } catch (error) {
      throw new TelemetryCallError(`${what} failed: ${(error as Error).message.split('\n')[0]}`, { cause: error });
    }
    if ('Err' in result) throw new TelemetryCallError(`${what} answered ${describe(result.Err)}`);
    return result.Ok;
  };
  return {
    async deviceKeysSince(after, limit) {
      const page = await call('device_keys_since', () => actor.device_keys_since(after, limit));
      return { entries: page.entries.map(fromWireEntry), nextVersion: page.next_version, headVersion: page.head_version };
    },
    async ingestLimits() {
      const limits = await call('ingest_limits', async () => ({ Ok: await actor.ingest_limits() }));
      return { maxBatchesPerCall: limits.max_batches_per_call, maxReadingsPerCall: limits.max_readings_per_call };
    },
    async ingest(batches) {
      const outcomes = await call('ingest', () => actor.ingest(batches.map(toWireBatch)));
      return outcomes.map((outcome) =>
        'Stored' in outcome
          ? { kind: 'stored', duplicate: outcome.Stored.duplicate, accepted: outcome.Stored.accepted, rejected: outcome.Stored.rejected.length }
          : { kind: 'refused', reason: describe(outcome.Refused.error) },
      );
    },
  };
}

type WireKeyEntry = Extract<Awaited<ReturnType<TelemetryService['device_keys_since']>>, { Ok: unknown }>['Ok']['entries'][number];

function fromWireEntry(entry: WireKeyEntry): DeviceKeyEntry {
  return {
    deviceId: entry.device_id,
    key: { algorithm: 'Ed25519' in entry.key.algorithm ? 'ed25519' : 'secp256k1', bytes: Uint8Array.from(entry.key.public_key) },
    status: 'Active' in entry.status ? 'active' : 'Suspended' in entry.status ? 'suspended' : 'retired',
    batteryTokenId: entry.battery_token_id,
    version: entry.version,
  };
}

/** Fixed-point device units to the physical units telemetry's candid takes (it rounds them back exactly). */
function toWireBatch(batch: Batch): Parameters<TelemetryService['ingest']>[0][number] {
  return {
    device_id: batch.deviceId,
    sequence: batch.sequence,
    timestamp_ms: BigInt(batch.sentAtMs),
    readings: batch.readings.map((reading) => ({
      timestamp_ms: BigInt(reading.timestampMs),
      cell_voltages_v: reading.cellsMv.map((mv) => mv / 1000),
      pack_current_a: reading.currentCa / 100,
      temperatures_c: reading.temperaturesDc.map((dc) => dc / 10),
      soc_percent: reading.socPermille / 10,
      gps: reading.gps ? ([{ latitude: reading.gps.latE7 / 1e7, longitude: reading.gps.lonE7 / 1e7 }] as const) : ([] as const),
    })),
  };
}

function describe(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Principal ? v.toText() : v));
}
