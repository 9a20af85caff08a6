import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDL } from '@dfinity/candid';
import { profileInit } from '@chargex/client';
import { createGateway, deployDfxProject, LocalNet, startHttpServer, type HttpServer } from 'localnet';
import { createIdentityProvider, II_CANISTER_ID } from 'localnet';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PEERS = ['profile', 'leasing', 'telemetry', 'ai', 'alerts', 'trust', 'energy', 'ledger'] as const;

/**
 * What a developer gets from localnet for a dapp: the replica with the profile canister deployed from
 * `npm run build`'s wasm, the IC HTTP interface, and the gateway serving the local identity provider on the II
 * canister's host, all on one free loopback port.
 */
export class LocalStack {
  private constructor(
    private readonly net: LocalNet,
    private readonly http: HttpServer,
    private readonly stateDir: string,
    readonly profileCanisterId: string,
  ) {}

  static async start(): Promise<LocalStack> {
    const stateDir = mkdtempSync(join(tmpdir(), 'ii-login-'));
    const replicaDir = join(stateDir, 'replica');
    const net = await LocalNet.create({ stateDir: replicaDir });
    const ids = await deployDfxProject(net, {
      root: REPO_ROOT,
      names: ['profile'],
      initArg: (_name, deployed) => configArg(deployed),
      canisterIdsFile: join(stateDir, 'canister_ids.json'),
    });
    const identityProvider = createIdentityProvider({ stateDir: join(stateDir, 'identity-provider'), nowNs: () => net.now() });
    const http: HttpServer = await startHttpServer(net, {
      port: 0,
      stateDir: replicaDir,
      gateway: createGateway(net, { hosts: { [II_CANISTER_ID]: identityProvider }, rootKey: () => http.rootKey }),
    });
    return new LocalStack(net, http, stateDir, ids.profile!.toText());
  }

  /** Where agents send their calls, e.g. `http://127.0.0.1:40123`. */
  get replicaUrl(): string {
    return this.http.url;
  }

  /** The provider as an app configures it; Chromium resolves `*.localhost` to the loopback address itself. */
  get identityProviderUrl(): string {
    return `http://${II_CANISTER_ID}.localhost:${new URL(this.http.url).port}/#authorize`;
  }

  async stop(): Promise<void> {
    await this.http.close();
    await this.net.stop();
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}

/** The profile canister's init argument: `opt CanisterConfig` naming the deployed peers (here, itself). */
function configArg(ids: Record<string, unknown>): Uint8Array {
  const config = Object.fromEntries(PEERS.map((name) => [name, ids[name] ? [ids[name]] : []]));
  return new Uint8Array(IDL.encode(profileInit({ IDL }), [[config]]));
}
