import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import {
  encodeCanisterConfigArg,
  ledgerIdlFactory,
  profileIdlFactory,
  telemetryIdlFactory,
  type LedgerService,
  type ProfileService,
  type TelemetryService,
} from '@chargex/client';
import {
  assetCanisterIdl,
  createGateway,
  createIdentityProvider,
  deployDfxProject,
  II_CANISTER_ID,
  installAssetCanister,
  LocalNet,
  startHttpServer,
  type DeployedCanisters,
  type HttpServer,
} from 'localnet';
import { readSite } from '../../scripts/assets/site-files.js';
import { syncAssets, type AssetCanisterActor } from '../../scripts/assets/sync-assets.js';
import { canisterEnv } from '../../scripts/start/env-file.js';
import { buildFrontendFor } from './frontend-build.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

type Role = Parameters<ProfileService['grant_role']>[1];
type DeviceBatch = Parameters<TelemetryService['ingest']>[0][number];

/**
 * The whole product for a browser test, as `npm start` brings it up: every canister of dfx.json from
 * `npm run build`'s wasm on a real-clock localnet, the frontend built by Vite for this deployment (map without
 * tiles) and synced to the built-in asset canister, the HTTP interface with the verifying gateway and the local
 * Internet Identity, on one free loopback port. Test-side actions (granting the first admin, minting test ckBTC,
 * relaying telemetry) call the canisters as the controller or as a relayer, as the admin CLI and the bridge do.
 */
export class AppStack {
  private readonly relayer = Ed25519KeyIdentity.generate();

  private constructor(
    private readonly net: LocalNet,
    private readonly http: HttpServer,
    private readonly stateDir: string,
    private readonly distDir: string,
    readonly ids: DeployedCanisters,
    readonly frontendId: Principal,
  ) {}

  static async start(): Promise<AppStack> {
    const stateDir = mkdtempSync(join(tmpdir(), 'chargex-app-'));
    const net = await LocalNet.create({ stateDir: join(stateDir, 'replica') });
    const ids = await deployDfxProject(net, {
      root: REPO_ROOT,
      initArg: (_name, deployed) => encodeCanisterConfigArg(deployed),
      canisterIdsFile: join(stateDir, 'canister_ids.json'),
    });
    const frontendId = await installAssetCanister(net);
    const identityProvider = createIdentityProvider({ stateDir: join(stateDir, 'identity-provider'), nowNs: () => net.now() });
    const http: HttpServer = await startHttpServer(net, {
      port: 0,
      stateDir: join(stateDir, 'replica'),
      gateway: createGateway(net, { hosts: { [II_CANISTER_ID]: identityProvider }, rootKey: () => http.rootKey }),
    });
    const env = canisterEnv({ ...ids, frontend: frontendId }, { CANISTER_ID_INTERNET_IDENTITY: II_CANISTER_ID, CHARGEX_MAP_TILES: 'none' });
    const distDir = await buildFrontendFor(env);
    await syncAssets(net.createActor<AssetCanisterActor>(assetCanisterIdl, frontendId), readSite(distDir));
    const stack = new AppStack(net, http, stateDir, distDir, ids, frontendId);
    await stack.grant(stack.relayer.getPrincipal(), { relayer: null });
    return stack;
  }

  /** The app as a browser opens it: `http://<frontend-id>.localhost:<port>/`. */
  get appUrl(): string {
    return `http://${this.frontendId.toText()}.localhost:${this.port}/`;
  }

  get port(): number {
    return Number(new URL(this.http.url).port);
  }

  /** The built site (for measuring its files). */
  get builtSite(): string {
    return this.distDir;
  }

  /** Grants a role as the controller, as the admin CLI makes the first admin. */
  async grant(principal: Principal | string, role: Role): Promise<void> {
    const who = typeof principal === 'string' ? Principal.fromText(principal) : principal;
    const result = await this.net.createActor<ProfileService>(profileIdlFactory, this.ids.profile!).grant_role(who, role);
    if ('Err' in result) throw new Error(`granting ${Object.keys(role)[0]} failed: ${JSON.stringify(Object.keys(result.Err))}`);
  }

  /** Gives an account test ckBTC on the local ledger (controller-only mint). */
  async mint(principal: string, amount: bigint): Promise<void> {
    const ledger = this.net.createActor<LedgerService>(ledgerIdlFactory, this.ids.ledger!);
    const result = await ledger.mint_for_local_dev({ to: { owner: Principal.fromText(principal), subaccount: [] }, amount, memo: [] });
    if ('Err' in result) throw new Error('minting test ckBTC failed');
  }

  /** Relays device batches to telemetry as the bridge does (an authorized relayer), retrying while roles sync. */
  async relay(batches: DeviceBatch[]): Promise<void> {
    const telemetry = this.net.createActor<TelemetryService>(telemetryIdlFactory, this.ids.telemetry!, { identity: this.relayer });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const result = await telemetry.ingest(batches);
      if ('Ok' in result) {
        const refused = result.Ok.flatMap((outcome) => ('Refused' in outcome ? [Object.keys(outcome.Refused.error)[0]] : []));
        if (refused.length > 0) throw new Error(`telemetry refused batches: ${refused.join(', ')}`);
        return;
      }
      // The relayer role reaches telemetry from profile a moment after it is granted.
      if (!('Unauthorized' in result.Err) || Date.now() > deadline) throw new Error(`ingest failed: ${Object.keys(result.Err)[0]}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  async stop(): Promise<void> {
    await this.http.close();
    await this.net.stop();
    rmSync(this.stateDir, { recursive: true, force: true });
    rmSync(this.distDir, { recursive: true, force: true });
  }
}
