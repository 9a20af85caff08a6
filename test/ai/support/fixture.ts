/**
 * A manual-clock localnet with profile, telemetry and ai deployed from the real wasm, and a recording stand-in
 * for alerts at the `alerts` slot of the config (until the alerts canister lands). Roles are granted through
 * profile, which pushes them to telemetry and ai. Readings go in the way they do in production: as a relayer's
 * ingest into telemetry, which hands its summaries to ai.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import {
  aiIdlFactory,
  aiInit,
  type AiService,
  leasingIdlFactory,
  type LeasingService,
  ledgerInit,
  profileIdlFactory,
  type ProfileService,
  telemetryIdlFactory,
  type TelemetryService
} from '@chargex/client';
import { deployDfxProject, LocalNet, MANAGEMENT_CANISTER_ID, type DeployedCanisters } from 'localnet';

import type { DeviceBatch, ReadingInput } from '../../../packages/client/src/declarations/telemetry/telemetry.did.js';
import { buildCanisters } from '../../../scripts/build/index.js';
import { idlFactory as alertsStubIdlFactory, type _SERVICE as AlertsStubService } from '../canisters/declarations/alerts_stub/alerts_stub.did.js';
import { registration as batteryRegistration } from '../../leasing/support/fixture.js';
import { registration } from '../../telemetry/support/builders.js';

export type { AlertsStubService, AiService, LeasingService, ReadingInput };
export type Anomaly = Extract<Awaited<ReturnType<AiService['list_anomalies']>>, { Ok: unknown }>['Ok']['anomalies'][number];
export type ModelParams = Awaited<ReturnType<AiService['active_model']>>['params'];

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const STUB_ROOT = join(ROOT, 'test/ai/canisters');
const PEER_NAMES = ['profile', 'leasing', 'telemetry', 'ai', 'alerts', 'trust', 'energy', 'ledger'] as const;
type Role = 'admin' | 'fleet_operator' | 'relayer' | 'technician';

/** 2025-03-01T00:00:00Z. */
export const START_MS = Date.UTC(2025, 2, 1);
const MAX_READINGS_PER_CALL = 512;
const MAX_BATCHES_PER_CALL = 32;
const READINGS_PER_BATCH = 64;

/** The Ok value of a result, or a thrown error showing the Err. */
export function okOf<T>(result: { Ok: T } | { Err: unknown }): T {
  if (!('Ok' in result)) {
    throw new Error(`expected Ok, got ${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  }
  return result.Ok;
}

function peers(ids: DeployedCanisters): Record<string, [] | [Principal]> {
  return Object.fromEntries(PEER_NAMES.map((name) => [name, ids[name] ? [ids[name]!] : []]));
}

/** The `opt CanisterConfig` argument naming the given canisters (the ledger's adds no minting account or balances). */
export function configArg(name: string, ids: DeployedCanisters): Uint8Array {
  if (name === 'ledger') {
    return new Uint8Array(IDL.encode(ledgerInit({ IDL }), [[{ ...peers(ids), minting_account: [], initial_balances: [] }]]));
  }
  return new Uint8Array(IDL.encode(aiInit({ IDL }), [[peers(ids)]]));
}

export interface AiNetOptions {
  /** Also deploy leasing (and the ledger it needs), so ai reads ratings from it and writes state of health back. */
  leasing?: boolean;
  /** Deploy the real alerts canister at the `alerts` slot instead of the recording stand-in. */
  realAlerts?: boolean;
}

export class AiNet {
  readonly admin = Ed25519KeyIdentity.generate();
  readonly fleetOperator = Ed25519KeyIdentity.generate();
  readonly technician = Ed25519KeyIdentity.generate();
  readonly relayer = Ed25519KeyIdentity.generate();
  readonly stranger = Ed25519KeyIdentity.generate();
  private readonly sequences = new Map<string, number>();

  private constructor(
    readonly net: LocalNet,
    readonly ids: DeployedCanisters
  ) {}

  /** Starts the net at START_MS with manual time, deploys the canisters and grants the roles. */
  static async start(options: AiNetOptions = {}): Promise<AiNet> {
    const net = await LocalNet.create({ clock: 'manual', startTimeNs: BigInt(START_MS) * 1_000_000n, onLog: process.env.DEBUG_LOG ? (id, line) => console.log(id.toText(), line) : undefined });
    const names = options.leasing ? ['profile', 'ledger', 'telemetry', 'leasing', 'ai'] : ['profile', 'telemetry', 'ai'];
    const alerts = options.realAlerts ? undefined : await AiNet.installAlertsStub(net);
    const ids = await deployDfxProject(net, {
      root: ROOT,
      names: options.realAlerts ? [...names, 'alerts'] : names,
      // With the stand-in, only ai reports to alerts: the stand-in records ai's signals alone.
      initArg: (name, deployed) => configArg(name, alerts === undefined ? deployed : name === 'ai' ? { ...deployed, alerts } : deployed),
      canisterIdsFile: join(mkdtempSync(join(tmpdir(), 'ai-test-')), 'canister_ids.json')
    });
    await net.tick();
    const fixture = new AiNet(net, alerts === undefined ? ids : { ...ids, alerts });
    await fixture.grant(fixture.admin.getPrincipal(), 'admin');
    await fixture.grant(fixture.fleetOperator.getPrincipal(), 'fleet_operator');
    await fixture.grant(fixture.technician.getPrincipal(), 'technician');
    await fixture.grant(fixture.relayer.getPrincipal(), 'relayer');
    return fixture;
  }

  /** The recording stand-in for alerts, built here rather than by `npm run build:test-canisters` (skipped when unchanged). */
  private static async installAlertsStub(net: LocalNet): Promise<Principal> {
    const [built] = await buildCanisters({ root: STUB_ROOT, names: ['alerts_stub'] });
    if (built?.status === 'failed') throw new Error(`the alerts stub did not build:\n${built.output}`);
    const alerts = await net.createCanister();
    await net.installCode({ canisterId: alerts, wasm: builtWasm(STUB_ROOT, 'alerts_stub') });
    return alerts;
  }

  /** ai as `identity`, or as the local controller. */
  ai(identity?: Ed25519KeyIdentity): AiService {
    return this.net.createActor<AiService>(aiIdlFactory, this.ids.ai!, identity ? { identity } : {});
  }

  /** ai called as an arbitrary principal (telemetry's id, another canister's, the anonymous one). */
  aiAs(sender: Principal): AiService {
    return this.net.createActor<AiService>(aiIdlFactory, this.ids.ai!, { sender });
  }

  telemetry(identity?: Ed25519KeyIdentity): TelemetryService {
    return this.net.createActor<TelemetryService>(telemetryIdlFactory, this.ids.telemetry!, identity ? { identity } : {});
  }

  /** leasing as `identity`, or as the local controller (only with `leasing: true`). */
  leasing(identity?: Ed25519KeyIdentity): LeasingService {
    return this.net.createActor<LeasingService>(leasingIdlFactory, this.ids.leasing!, identity ? { identity } : {});
  }

  /** Mints a battery token in leasing as the fleet operator, rated `capacityWh` at 51.2 V; returns its id. */
  async registerBattery(serial: string, capacityWh: number, cycleCount: number): Promise<bigint> {
    const registration = batteryRegistration(serial, { capacity_wh: capacityWh, nominal_voltage_mv: 51_200, cycle_count: cycleCount, state_of_health_bp: 10_000 });
    return okOf(await this.leasing(this.fleetOperator).register_battery(registration)).token_id;
  }

  alerts(): AlertsStubService {
    return this.net.createActor<AlertsStubService>(alertsStubIdlFactory, this.ids.alerts!);
  }

  /** Grants a role in profile as the controller; profile has pushed it to telemetry and ai when this returns. */
  async grant(principal: Principal, role: Role): Promise<void> {
    const profile = this.net.createActor<ProfileService>(profileIdlFactory, this.ids.profile!);
    okOf(await profile.grant_role(principal, { [role]: null } as { admin: null }));
  }

  /** Registers an LiFePO4 monitor for battery `tokenId` in telemetry. */
  async registerDevice(deviceId: string, tokenId: bigint): Promise<void> {
    okOf(await this.telemetry(this.fleetOperator).register_device(registration(deviceId, tokenId, this.fleetOperator.getPrincipal())));
  }

  /**
   * Ingests a device's readings as the relayer, in batches of 64 and calls of at most 512 readings (telemetry's
   * limits), continuing the device's sequence numbers. Each call hands one summary per battery to ai.
   */
  async ingest(deviceId: string, readings: ReadingInput[], perCall = MAX_READINGS_PER_CALL): Promise<void> {
    for (let start = 0; start < readings.length; start += perCall) {
      const slice = readings.slice(start, start + perCall);
      const batches: DeviceBatch[] = [];
      for (let i = 0; i < slice.length && batches.length < MAX_BATCHES_PER_CALL; i += READINGS_PER_BATCH) {
        batches.push(this.nextBatch(deviceId, slice.slice(i, i + READINGS_PER_BATCH)));
      }
      await this.ingestBatches(batches);
    }
  }

  /** One ingest call with one batch per device (at most 64 readings each, 512 in all). */
  async ingestCall(readingsByDevice: Map<string, ReadingInput[]>): Promise<void> {
    await this.ingestBatches([...readingsByDevice].map(([deviceId, readings]) => this.nextBatch(deviceId, readings)));
  }

  private nextBatch(deviceId: string, readings: ReadingInput[]): DeviceBatch {
    const sequence = (this.sequences.get(deviceId) ?? 0) + 1;
    this.sequences.set(deviceId, sequence);
    return { device_id: deviceId, sequence: BigInt(sequence), timestamp_ms: readings[readings.length - 1]!.timestamp_ms, readings };
  }

  private async ingestBatches(batches: DeviceBatch[]): Promise<void> {
    const outcomes = okOf(await this.telemetry(this.relayer).ingest(batches));
    for (const outcome of outcomes) {
      if (!('Stored' in outcome) || outcome.Stored.rejected.length > 0) {
        throw new Error(`telemetry did not store a batch: ${JSON.stringify(outcome, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
      }
    }
  }

  /** Advances the manual clock, running what falls due (the outbox's sends, the missing-data sweep). */
  async advance(ms: number): Promise<void> {
    await this.net.advanceTime(ms);
  }

  /** The clock, ms since the epoch. */
  nowMs(): number {
    return Number(this.net.now() / 1_000_000n);
  }

  /** Upgrades ai to the same wasm with a null argument (keeps its config). */
  async upgradeAi(): Promise<void> {
    await this.net.installCode({ canisterId: this.ids.ai!, wasm: builtWasm(ROOT, 'ai'), arg: new Uint8Array(IDL.encode(aiInit({ IDL }), [[]])), mode: 'upgrade' });
  }

  /** Stops or starts a canister through the management canister (a stopped canister rejects every call). */
  async setRunning(canisterId: Principal, running: boolean): Promise<void> {
    const arg = new Uint8Array(IDL.encode([IDL.Record({ canister_id: IDL.Principal })], [{ canister_id: canisterId }]));
    await this.net.updateCall(MANAGEMENT_CANISTER_ID, running ? 'start_canister' : 'stop_canister', arg);
  }

  /** Anomalies of one battery, newest first (a page of 100). */
  async anomaliesOf(tokenId: bigint, options: { kind?: string; activeOnly?: boolean } = {}): Promise<Anomaly[]> {
    const page = okOf(
      await this.ai(this.fleetOperator).list_anomalies(
        { battery_token_id: [tokenId], kind: options.kind === undefined ? [] : [options.kind], active_only: options.activeOnly ?? false, critical_only: false },
        { cursor: [], limit: 100 }
      )
    );
    return page.anomalies;
  }

  async stop(): Promise<void> {
    await this.net.stop();
  }
}

function builtWasm(root: string, name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(root, '.azle', name, `${name}.wasm`)));
}
