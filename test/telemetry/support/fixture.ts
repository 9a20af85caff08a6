/**
 * A localnet with profile and telemetry deployed from the real wasm, the roles the telemetry tests need granted
 * through profile (which pushes them into telemetry's replica), and typed actors per identity.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { profileIdlFactory, type ProfileService, telemetryIdlFactory, telemetryInit, type TelemetryService } from '@chargex/client';
import { deployDfxProject, LocalNet, MANAGEMENT_CANISTER_ID, type DeployedCanisters } from 'localnet';

import type { BatchOutcome, DeviceBatch } from '../../../packages/client/src/declarations/telemetry/telemetry.did.js';

import { buildCanisters } from '../../../scripts/build/index.js';
import { idlFactory as aiStubIdlFactory, type _SERVICE as AiStubService } from '../canisters/declarations/ai_stub/ai_stub.did.js';

export type { AiStubService };

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const STUB_ROOT = join(ROOT, 'test/telemetry/canisters');
const PEER_NAMES = ['profile', 'leasing', 'telemetry', 'ai', 'alerts', 'trust', 'energy', 'ledger'] as const;
type Role = 'admin' | 'fleet_operator' | 'relayer' | 'technician';

/** 2025-03-01T00:00:00Z: tests start at a day boundary so windows and buckets are easy to reason about. */
export const START_MS = Date.UTC(2025, 2, 1);

/** A canister's wasm as the build left it. */
export function builtWasm(name: string, root = ROOT): Uint8Array {
  return new Uint8Array(readFileSync(join(root, '.azle', name, `${name}.wasm`)));
}

/** The `opt CanisterConfig` install argument naming the given canisters (or none with `[]`). */
export function configArg(ids: DeployedCanisters | undefined): Uint8Array {
  if (ids === undefined) {
    return new Uint8Array(IDL.encode(telemetryInit({ IDL }), [[]]));
  }
  const config = Object.fromEntries(PEER_NAMES.map((name) => [name, ids[name] ? [ids[name]] : []]));
  return new Uint8Array(IDL.encode(telemetryInit({ IDL }), [[config]]));
}

export interface TelemetryNetOptions {
  /** What stands at the `ai` slot of the config: nothing, the real ai canister, or the recording stub. */
  ai?: 'none' | 'real' | 'stub';
}

/** The running net, its canisters and the people acting on them. */
export class TelemetryNet {
  readonly admin = Ed25519KeyIdentity.generate();
  readonly fleetOperator = Ed25519KeyIdentity.generate();
  readonly relayer = Ed25519KeyIdentity.generate();
  readonly owner = Ed25519KeyIdentity.generate();
  readonly otherOwner = Ed25519KeyIdentity.generate();
  readonly stranger = Ed25519KeyIdentity.generate();

  private constructor(
    readonly net: LocalNet,
    readonly ids: DeployedCanisters
  ) {}

  /** Starts a net at START_MS with manual time, deploys the canisters and grants the roles. */
  static async start(options: TelemetryNetOptions = {}): Promise<TelemetryNet> {
    const net = await LocalNet.create({ clock: 'manual', startTimeNs: BigInt(START_MS) * 1_000_000n });
    const extra: DeployedCanisters = {};
    if (options.ai === 'stub') {
      // Built here rather than by `npm run build:test-canisters`: skipped when its sources did not change.
      const [built] = await buildCanisters({ root: STUB_ROOT, names: ['ai_stub'] });
      if (built?.status === 'failed') throw new Error(`the ai stub did not build:\n${built.output}`);
      extra.ai = await net.createCanister();
      await net.installCode({ canisterId: extra.ai, wasm: builtWasm('ai_stub', STUB_ROOT) });
    }
    const names = options.ai === 'real' ? ['profile', 'telemetry', 'ai'] : ['profile', 'telemetry'];
    const ids = await deployDfxProject(net, {
      root: ROOT,
      names,
      initArg: (_name, deployed) => configArg({ ...deployed, ...extra }),
      canisterIdsFile: join(mkdtempSync(join(tmpdir(), 'telemetry-test-')), 'canister_ids.json')
    });
    await net.tick();
    const fixture = new TelemetryNet(net, { ...ids, ...extra });
    await fixture.grant(fixture.admin.getPrincipal(), 'admin');
    await fixture.grant(fixture.fleetOperator.getPrincipal(), 'fleet_operator');
    await fixture.grant(fixture.relayer.getPrincipal(), 'relayer');
    return fixture;
  }

  /** Telemetry as `identity`, or as the controller. */
  telemetry(identity?: Ed25519KeyIdentity): TelemetryService {
    return this.net.createActor<TelemetryService>(telemetryIdlFactory, this.ids.telemetry!, identity ? { identity } : {});
  }

  /**
   * Ingests batches as the relayer in as many calls as the per-call limit of 512 readings needs; returns the
   * outcomes of all of them, in order.
   */
  async ingestAll(batches: DeviceBatch[]): Promise<BatchOutcome[]> {
    const outcomes: BatchOutcome[] = [];
    let call: DeviceBatch[] = [];
    let readings = 0;
    for (const next of [...batches, undefined]) {
      if (next === undefined || readings + next.readings.length > 512 || call.length === 32) {
        const result = await this.telemetry(this.relayer).ingest(call);
        if (!('Ok' in result)) throw new Error(`ingest refused: ${Object.keys(result.Err).join()}`);
        outcomes.push(...result.Ok);
        call = [];
        readings = 0;
      }
      if (next !== undefined) {
        call.push(next);
        readings += next.readings.length;
      }
    }
    return outcomes;
  }

  /** Telemetry as the anonymous principal. */
  telemetryAnonymous(anonymous: Principal): TelemetryService {
    return this.net.createActor<TelemetryService>(telemetryIdlFactory, this.ids.telemetry!, { sender: anonymous });
  }

  /** The ai stub (only with `ai: 'stub'`). */
  aiStub(): AiStubService {
    return this.net.createActor<AiStubService>(aiStubIdlFactory, this.ids.ai!);
  }

  /** Grants a role in profile as the controller; profile has pushed it into telemetry when this returns. */
  async grant(principal: Principal, role: Role): Promise<void> {
    const profile = this.net.createActor<ProfileService>(profileIdlFactory, this.ids.profile!);
    const result = await profile.grant_role(principal, { [role]: null } as { admin: null });
    if (!('Ok' in result)) {
      throw new Error(`granting ${role} failed: ${JSON.stringify(result.Err, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
    }
  }

  /** Upgrades telemetry to the same wasm, keeping its config (null argument). */
  async upgradeTelemetry(): Promise<void> {
    await this.net.installCode({ canisterId: this.ids.telemetry!, wasm: builtWasm('telemetry'), arg: configArg(undefined), mode: 'upgrade' });
  }

  /** Stops a canister through the management canister (calls to it are then rejected). */
  async stopCanister(canisterId: Principal): Promise<void> {
    const arg = new Uint8Array(IDL.encode([IDL.Record({ canister_id: IDL.Principal })], [{ canister_id: canisterId }]));
    await this.net.updateCall(MANAGEMENT_CANISTER_ID, 'stop_canister', arg);
  }

  /** The certified data the replica holds for telemetry. */
  certifiedData(): Uint8Array {
    return this.net.replica.getCanister(this.ids.telemetry!)!.certifiedData;
  }

  /** A counter of telemetry's status record. */
  async count(name: string): Promise<bigint | undefined> {
    const status = await this.telemetry().status();
    return status.counts.find(([key]) => key === name)?.[1];
  }

  async stop(): Promise<void> {
    await this.net.stop();
  }
}
