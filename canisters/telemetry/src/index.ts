/**
 * Telemetry canister: the device registry, batched ingest from relayers (deduplicated, checked per reading),
 * compact columnar storage with minute/hour/day rollups and retention, Merkle roots over every batch with the
 * newest certified, and one hand-off of per-battery features to `ai` per ingest call.
 */
import {
  CanisterConfig,
  CanisterConfigArgIdl,
  CanisterFoundation,
  CanisterStatusIdl,
  CommonError,
  err,
  isErr,
  ok,
  PageRequest,
  PageRequestIdl,
  Result,
  RoleChange,
  RoleChangeIdl,
  RoleIdl,
  RolesSyncResultIdl,
  RoleSyncPeer,
  roleToVariant,
  SignalOutbox,
  validatePage
} from '@chargex/common';
import { dataCertificate, IDL, init, msgCaller, postUpgrade, Principal, query, time, update } from 'azle';

import packageJson from '../package.json';
import { TelemetryAccess } from './access/telemetry_access';
import { DeviceSignals } from './alerts/device_signals';
import { CertifiedRoots, CERTIFIED_ROOTS } from './anchoring/certified_roots';
import { ReadingProofs } from './anchoring/reading_proof';
import {
  Device,
  DeviceKeysPage,
  DeviceKeysPageResultIdl,
  DevicePage,
  DevicePageResultIdl,
  DeviceRegistration,
  DeviceRegistrationIdl,
  DeviceResultIdl,
  DeviceStatus,
  DeviceStatusIdl,
  DeviceUpdate,
  DeviceUpdateIdl
} from './api/device';
import { BatchOutcome, DeviceBatch, DeviceBatchIdl, IngestLimits, IngestLimitsIdl, IngestResultIdl } from './api/ingest';
import { CertifiedRootsView, CertifiedRootsViewIdl, ReadingProof, ReadingProofResultIdl } from './api/proof';
import {
  LatestPage,
  LatestPageResultIdl,
  LatestReading,
  LatestReadingResultIdl,
  RangePage,
  RangePageResultIdl,
  RangeRequest,
  RangeRequestIdl,
  Statistics,
  StatisticsRequest,
  StatisticsRequestIdl,
  StatisticsResultIdl
} from './api/query';
import { AiHandoff } from './handoff/ai_handoff';
import { IngestSession, IngestStores } from './ingest/ingest_session';
import { BatchLog } from './ingest/batch_log';
import { callSizeProblem } from './ingest/call_size';
import { INGEST_LIMITS } from './ingest/limits';
import { TELEMETRY_MEMORY } from './memory';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { PolicyStore, TelemetryPolicy, TelemetryPolicyIdl, TelemetryPolicyResultIdl } from './policy/policy';
import { BatteryQueries } from './queries/battery_queries';
import { LatestReadings } from './queries/latest';
import { BatteryDirectory } from './registry/battery_directory';
import { DeviceRegistry } from './registry/device_registry';
import { RetentionSweep } from './retention/retention_sweep';
import { openRollupStores } from './rollups/rollup_store';
import { Counters } from './status/counters';
import { BatteryProgressStore } from './storage/battery_progress';
import { ChunkStore } from './storage/chunk_store';

export default class TelemetryCanister {
  foundation = new CanisterFoundation({ name: 'telemetry', version: packageJson.version, schemaVersion: SCHEMA_VERSION, migrations: MIGRATIONS });
  roleSync = new RoleSyncPeer(this.foundation);
  access = new TelemetryAccess(this.foundation.guard, this.foundation.roles);
  batteries = new BatteryDirectory();
  registry = new DeviceRegistry(this.batteries);
  chunks = new ChunkStore();
  rollups = openRollupStores();
  batches = new BatchLog();
  roots = new CertifiedRoots();
  counters = new Counters();
  policy = new PolicyStore();
  progress = new BatteryProgressStore();
  latest = new LatestReadings(this.registry, this.batteries, this.progress);
  batteryQueries = new BatteryQueries(this.access, this.batteries, this.chunks, this.rollups, this.latest);
  proofs = new ReadingProofs(this.batches, this.chunks, this.registry, this.roots);
  handoff = new AiHandoff(this.foundation.config, this.counters);
  ingestStores: IngestStores = {
    registry: this.registry,
    progress: this.progress,
    chunks: this.chunks,
    rollups: this.rollups,
    batches: this.batches,
    roots: this.roots,
    counters: this.counters,
    policy: this.policy
  };
  alertSignals = new SignalOutbox(TELEMETRY_MEMORY.alertSignals, this.foundation.meta, 'telemetry', () => this.foundation.config.peer('alerts'));
  deviceSignals = new DeviceSignals(this.alertSignals, this.registry);
  retention = new RetentionSweep(this.chunks, this.rollups, this.batches, this.policy, this.counters);

  /** Install: stores where the peer canisters are, follows profile's roles, arms retention. */
  @init([CanisterConfigArgIdl])
  init(config: [] | [CanisterConfig]): void {
    this.foundation.init(config);
    this.roleSync.start();
    this.retention.start();
    this.alertSignals.resume();
    this.deviceSignals.start();
  }

  /** Upgrade: replaces the peer config if one is given, migrates, catches up on roles, re-arms retention, re-certifies. */
  @postUpgrade([CanisterConfigArgIdl])
  postUpgrade(config: [] | [CanisterConfig]): void {
    this.foundation.postUpgrade(config);
    this.roleSync.start();
    this.retention.start();
    this.alertSignals.resume();
    this.deviceSignals.start();
    this.roots.recertify();
  }

  /** Registers a monitor (fleet operators and admins). */
  @update([DeviceRegistrationIdl], DeviceResultIdl)
  register_device(input: DeviceRegistration): Result<Device, CommonError> {
    return this.access.requireFleetManager(msgCaller()) ?? this.registry.register(input, time());
  }

  /** Changes a device's key, battery, owner, chemistry, firmware version or interval (fleet operators and admins). */
  @update([IDL.Text, DeviceUpdateIdl], DeviceResultIdl)
  update_device(deviceId: string, input: DeviceUpdate): Result<Device, CommonError> {
    return this.access.requireFleetManager(msgCaller()) ?? this.registry.update(deviceId, input, time());
  }

  /** Suspends, reactivates or retires a device (fleet operators and admins). */
  @update([IDL.Text, DeviceStatusIdl], DeviceResultIdl)
  set_device_status(deviceId: string, status: DeviceStatus): Result<Device, CommonError> {
    const refused = this.access.requireFleetManager(msgCaller());
    const before = this.registry.find(deviceId)?.status;
    const changed = refused ?? this.registry.setStatus(deviceId, status, time());
    if ('Ok' in changed && before !== undefined) {
      this.deviceSignals.statusChanged(before, changed.Ok, time());
    }
    return changed;
  }

  /** One device: for fleet managers, relayers and the device's owner. */
  @query([IDL.Text], DeviceResultIdl)
  get_device(deviceId: string): Result<Device, CommonError> {
    const device = this.registry.get(deviceId);
    return this.access.requireKeyReaderOrOwner(msgCaller(), isErr(device) ? undefined : device.Ok.owner) ?? device;
  }

  /** Devices in registration order (fleet managers), or one owner's (that owner too). */
  @query([IDL.Opt(IDL.Principal), PageRequestIdl], DevicePageResultIdl)
  list_devices(owner: [] | [Principal], page: PageRequest): Result<DevicePage, CommonError> {
    const refused = this.access.requireFleetManagerOrOwner(msgCaller(), owner[0]);
    const bounds = validatePage(page);
    return refused ?? (isErr(bounds) ? bounds : ok(this.registry.page(bounds.Ok, owner[0])));
  }

  /** Keys and status of devices changed after a registry version, for the bridge's cache (relayers, fleet managers). */
  @query([IDL.Nat64, IDL.Nat32], DeviceKeysPageResultIdl)
  device_keys_since(version: bigint, limit: number): Result<DeviceKeysPage, CommonError> {
    const refused = this.access.requireKeyReader(msgCaller());
    const bounds = validatePage({ cursor: [], limit });
    return refused ?? (isErr(bounds) ? bounds : ok(this.registry.keysSince(version, limit)));
  }

  /** Stores device batches relayed by the bridge (relayers only); one outcome per batch, in order. */
  @update([IDL.Vec(DeviceBatchIdl)], IngestResultIdl)
  async ingest(batches: DeviceBatch[]): Promise<Result<BatchOutcome[], CommonError>> {
    const refused = this.access.requireRelayer(msgCaller());
    if (refused !== undefined) {
      return refused;
    }
    const problem = callSizeProblem(batches);
    if (problem !== undefined) {
      return err(problem);
    }
    const session = new IngestSession(this.ingestStores, time());
    const outcomes = batches.map((batch) => session.ingest(batch));
    this.deviceSignals.afterIngest(batches, outcomes, time());
    await this.handoff.send(session.finish());
    return ok(outcomes);
  }

  /** The size limits of an `ingest` call (public: relayers shape their calls by them). */
  @query([], IngestLimitsIdl)
  ingest_limits(): IngestLimits {
    return INGEST_LIMITS;
  }

  /** A battery's newest reading. */
  @query([IDL.Nat], LatestReadingResultIdl)
  latest_reading(batteryTokenId: bigint): Result<LatestReading, CommonError> {
    return this.batteryQueries.latest(msgCaller(), batteryTokenId);
  }

  /** Newest reading per device of the fleet (fleet managers) or of one owner (that owner too), a page at a time. */
  @query([IDL.Opt(IDL.Principal), PageRequestIdl], LatestPageResultIdl)
  latest_readings(owner: [] | [Principal], page: PageRequest): Result<LatestPage, CommonError> {
    const refused = this.access.requireFleetManagerOrOwner(msgCaller(), owner[0]);
    if (refused !== undefined) {
      return refused;
    }
    const bounds = validatePage(page);
    if (isErr(bounds)) {
      return bounds;
    }
    const numbers = this.registry.numbersPage(bounds.Ok, owner[0]);
    return ok(this.latest.page(numbers.items, numbers.next));
  }

  /** A battery's readings (raw) or rollups (minute, hour, day) over a time range, a page at a time. */
  @query([RangeRequestIdl], RangePageResultIdl)
  readings_range(request: RangeRequest): Result<RangePage, CommonError> {
    return this.batteryQueries.range(msgCaller(), request);
  }

  /** Count, min, max, mean and last of each metric of a battery over a time range. */
  @query([StatisticsRequestIdl], StatisticsResultIdl)
  statistics(request: StatisticsRequest): Result<Statistics, CommonError> {
    return this.batteryQueries.statistics(msgCaller(), request);
  }

  /** The Merkle proof of a stored reading (by batch number and position in the batch), for whoever may read its battery. */
  @query([IDL.Nat64, IDL.Nat32], ReadingProofResultIdl)
  reading_proof(batchNumber: bigint, index: number): Result<ReadingProof, CommonError> {
    const battery = this.proofs.batteryOf(batchNumber);
    const owner = battery === undefined ? undefined : this.batteries.get(battery).owner;
    return this.access.requireFleetManagerOrOwner(msgCaller(), owner) ?? this.proofs.prove(batchNumber, index, dataCertificate());
  }

  /** The newest batch roots and the root over them that is the canister's certified data (public). */
  @query([], CertifiedRootsViewIdl)
  certified_roots(): CertifiedRootsView {
    const certificate = dataCertificate();
    return {
      certified_root: this.roots.certifiedRoot(),
      capacity: CERTIFIED_ROOTS,
      roots: this.roots.entries().map((entry) => ({ batch_number: entry.batchNumber, root: entry.root })),
      certificate: certificate === undefined ? [] : [certificate]
    };
  }

  /** The retention and clock-drift policy in force. */
  @query([], TelemetryPolicyIdl)
  get_policy(): TelemetryPolicy {
    return this.policy.get();
  }

  /** Replaces the retention and clock-drift policy (admins). */
  @update([TelemetryPolicyIdl], TelemetryPolicyResultIdl)
  set_policy(policy: TelemetryPolicy): Result<TelemetryPolicy, CommonError> {
    return this.foundation.guard.requireAdmin(msgCaller()) ?? this.policy.set(policy);
  }

  /** Receives role changes pushed by the profile canister. */
  @update([IDL.Vec(RoleChangeIdl)], RolesSyncResultIdl)
  roles_sync(changes: RoleChange[]) {
    return this.roleSync.receive(msgCaller(), changes);
  }

  /** The caller's roles as this canister's replica knows them (what its role checks will see). */
  @query([], IDL.Vec(RoleIdl))
  my_roles() {
    return this.foundation.roles.rolesOf(msgCaller()).map(roleToVariant);
  }

  /** Name, version, schema version, collection sizes, ingest and hand-off totals, and cycles. */
  @query([], CanisterStatusIdl)
  status() {
    return this.foundation.status({
      devices: this.registry.count(),
      batteries: this.batteries.count(),
      batches: this.batches.count(),
      chunks: this.chunks.count(),
      rollups_minute: this.rollups.minute.count(),
      rollups_hour: this.rollups.hour.count(),
      rollups_day: this.rollups.day.count(),
      alert_signals_pending: this.alertSignals.state().pending,
      alert_signals_sent: this.alertSignals.state().sent,
      ...this.counters.snapshot()
    });
  }
}
