/**
 * The canister side of the pipeline: a real-clock localnet with profile and telemetry from the real wasm, served
 * over the IC HTTP interface like a replica, with state in a folder so it can be restarted (same port, same root
 * key, same canisters).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDL } from '@dfinity/candid';
import type { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { ledgerInit, profileIdlFactory, type ProfileService, telemetryIdlFactory, telemetryInit, type TelemetryService } from '@chargex/client';
import type { DevicePublicKey } from '@chargex/bridge';
import { deployDfxProject, LocalNet, startHttpServer, type DeployedCanisters, type HttpServer } from 'localnet';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PEERS = ['profile', 'leasing', 'telemetry', 'ai', 'alerts', 'trust', 'energy', 'ledger'] as const;

type StoredReading = Extract<Awaited<ReturnType<TelemetryService['readings_range']>>, { Ok: unknown }>['Ok']['readings'][number];

function configArg(ids: DeployedCanisters): Uint8Array {
  const config = Object.fromEntries(PEERS.map((name) => [name, ids[name] ? [ids[name]] : []]));
  return new Uint8Array(IDL.encode(telemetryInit({ IDL }), [[config]]));
}

/** The ledger's init argument: the peers, no minting account, no initial balances (local dev minting). */
function ledgerConfigArg(ids: DeployedCanisters): Uint8Array {
  const config = Object.fromEntries(PEERS.map((name) => [name, ids[name] ? [ids[name]] : []]));
  return new Uint8Array(IDL.encode(ledgerInit({ IDL }), [[{ ...config, minting_account: [], initial_balances: [] }]]));
}

function okOf<T>(what: string, result: { Ok: T } | { Err: unknown }): T {
  if ('Err' in result) throw new Error(`${what}: ${JSON.stringify(result.Err, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
  return result.Ok;
}

export class TelemetryStack {
  private constructor(
    private net: LocalNet,
    private server: HttpServer,
    readonly ids: DeployedCanisters,
    readonly stateDir: string,
    readonly port: number,
  ) {}

  /** `canisters` beyond profile and telemetry (ledger, leasing, ai, alerts) make the whole fleet pipeline. */
  static async start(options: { canisters?: string[] } = {}): Promise<TelemetryStack> {
    const stateDir = mkdtempSync(join(tmpdir(), 'bridge-e2e-localnet-'));
    const net = await LocalNet.create({ stateDir });
    const ids = await deployDfxProject(net, {
      root: ROOT,
      names: options.canisters ?? ['profile', 'telemetry'],
      initArg: (name, deployed) => (name === 'ledger' ? ledgerConfigArg(deployed) : configArg(deployed)),
      canisterIdsFile: join(stateDir, 'canister_ids.json'),
    });
    const server = await startHttpServer(net, { port: 0, stateDir });
    return new TelemetryStack(net, server, ids, stateDir, Number(new URL(server.url).port));
  }

  get url(): string {
    return this.server.url;
  }

  get telemetryId(): string {
    return this.ids.telemetry!.toText();
  }

  /** An actor of any deployed canister, called as the local controller. */
  actor<T>(idlFactory: IDL.InterfaceFactory, name: string): T {
    return this.net.createActor<T>(idlFactory, this.ids[name]!);
  }

  /** An actor of any deployed canister, called as `identity`. */
  actorAs<T>(idlFactory: IDL.InterfaceFactory, name: string, identity: Ed25519KeyIdentity): T {
    return this.net.createActor<T>(idlFactory, this.ids[name]!, { identity });
  }

  /** The local controller's principal (owner of what the stack registers). */
  get controller(): Principal {
    return this.net.controller.getPrincipal();
  }

  /** Telemetry as the local controller (a fleet manager). */
  telemetry(): TelemetryService {
    return this.net.createActor<TelemetryService>(telemetryIdlFactory, this.ids.telemetry!);
  }

  async grantRelayer(principal: Principal): Promise<void> {
    const profile = this.net.createActor<ProfileService>(profileIdlFactory, this.ids.profile!);
    okOf('grant relayer', await profile.grant_role(principal, { relayer: null }));
  }

  /** Registers a monitor of a LiFePO4 battery with token id `tokenId`, owned by the controller. */
  async registerDevice(deviceId: string, key: DevicePublicKey, tokenId: bigint): Promise<void> {
    okOf(
      `register ${deviceId}`,
      await this.telemetry().register_device({
        device_id: deviceId,
        key: { public_key: key.bytes, algorithm: key.algorithm === 'ed25519' ? { Ed25519: null } : { Secp256k1: null } },
        battery_token_id: tokenId,
        owner: this.net.controller.getPrincipal(),
        chemistry: { LiFePO4: null },
        firmware_version: 'sim-1.0.0',
        reporting_interval_s: 1,
      }),
    );
  }

  /** Every raw reading telemetry holds for a battery from the last hour, in time order. */
  async readings(tokenId: bigint): Promise<StoredReading[]> {
    const out: StoredReading[] = [];
    // A narrow window: the query's cost grows with the span it walks, not just with what it finds.
    let from = BigInt(Date.now() - 3_600_000);
    for (;;) {
      const page = okOf(
        'readings_range',
        await this.telemetry().readings_range({ battery_token_id: tokenId, from_ms: from, to_ms: BigInt(Date.now() + 600_000), resolution: { Raw: null }, limit: 1_000 }),
      );
      out.push(...page.readings);
      if (page.next_from_ms.length === 0) return out;
      from = page.next_from_ms[0]!;
    }
  }

  /** A counter of telemetry's status record (batches_stored, batches_duplicate, readings_stored, ...). */
  async count(name: string): Promise<bigint> {
    const status = await this.telemetry().status();
    return status.counts.find(([key]) => key === name)?.[1] ?? 0n;
  }

  /** Stops the replica and its HTTP server (state stays in stateDir). */
  async stop(): Promise<void> {
    await this.server.close();
    await this.net.stop();
  }

  /** Starts the replica again from stateDir, serving on the same port. */
  async restart(): Promise<void> {
    this.net = await LocalNet.create({ stateDir: this.stateDir });
    this.server = await startHttpServer(this.net, { port: this.port, stateDir: this.stateDir });
  }
}
