/**
 * `npm start`: builds what changed, starts localnet with its persistent state (`.localnet/`) and its HTTP
 * interface on 127.0.0.1:4943 (with the gateway and the local Internet Identity), deploys every canister of
 * dfx.json with its peer configuration (upgrading changed ones, keeping their data), builds and uploads the
 * frontend, and keeps running until Ctrl-C. `--clean` starts from empty state. Running it again is idempotent.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Principal } from '@dfinity/principal';
import { encodeCanisterConfigArg } from '@chargex/client';
import {
  II_CANISTER_ID,
  LocalNet,
  createGateway,
  createIdentityProvider,
  deployDfxProject,
  installAssetCanister,
  readCanisterIds,
  startHttpServer,
  writeCanisterIds,
  type HttpServer,
} from 'localnet';
import { REPO_ROOT } from './project/repo-root.js';
import { buildCanisters, formatResult } from './build/index.js';
import { canisterEnv, writeEnvFile } from './start/env-file.js';
import { buildFrontend, uploadFrontend } from './start/frontend.js';

const FRONTEND_DIR = join(REPO_ROOT, 'frontend');
const USAGE = `usage: npm start -- [--clean] [--port 4943] [--state-dir .localnet] [--ids-file .dfx/local/canister_ids.json] [--dotenv .env]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      clean: { type: 'boolean', default: false },
      port: { type: 'string', default: '4943' },
      'state-dir': { type: 'string', default: join(REPO_ROOT, '.localnet') },
      // Where dfx keeps them, so that tools made for dfx find the canisters.
      'ids-file': { type: 'string', default: join(REPO_ROOT, '.dfx', 'local', 'canister_ids.json') },
      'dotenv': { type: 'string', default: join(REPO_ROOT, '.env') },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const PORT = Number(values.port);
  const STATE_DIR = resolve(values['state-dir']);
  const CANISTER_IDS_FILE = resolve(values['ids-file']);
  const ENV_FILE = resolve(values.dotenv);
  const knownId = (name: string): Principal | undefined => {
    const entry = readCanisterIds(CANISTER_IDS_FILE)[name]?.local;
    return entry ? Principal.fromText(entry) : undefined;
  };

  const results = await buildCanisters({ root: REPO_ROOT, onProgress: (result) => console.log(formatResult(result, 10)) });
  if (results.some((result) => result.status === 'failed')) throw new Error('a canister failed to build');

  const net = await LocalNet.create({
    stateDir: STATE_DIR,
    clean: values.clean,
    onLog: (canister, line) => console.log(`[${canister.toText()}] ${line}`),
  });
  const identityProvider = createIdentityProvider({ stateDir: join(STATE_DIR, 'identity-provider'), nowNs: () => net.now() });
  const server: HttpServer = await startHttpServer(net, {
    port: PORT,
    stateDir: STATE_DIR,
    // The gateway verifies every certified page with the root key, as the IC's gateways do.
    gateway: createGateway(net, { hosts: { [II_CANISTER_ID]: identityProvider }, rootKey: () => server.rootKey }),
  });

  const ids = await deployDfxProject(net, {
    root: REPO_ROOT,
    initArg: (_name, all) => encodeCanisterConfigArg(all),
    canisterIdsFile: CANISTER_IDS_FILE,
    onProgress: (name, action) => console.log(`${name.padEnd(10)} ${action}`),
  });
  const frontendId = await installAssetCanister(net, { canisterId: knownId('frontend') });
  writeCanisterIds(CANISTER_IDS_FILE, { ...readCanisterIds(CANISTER_IDS_FILE), frontend: { local: frontendId.toText() } });
  const env = canisterEnv({ ...ids, frontend: frontendId }, { CANISTER_ID_INTERNET_IDENTITY: II_CANISTER_ID });
  writeEnvFile(ENV_FILE, env);

  console.log(`frontend   ${await buildFrontend(FRONTEND_DIR, env)}`);
  const upload = await uploadFrontend({
    distDir: join(FRONTEND_DIR, 'dist'),
    canisterId: frontendId,
    replicaUrl: server.url,
    identity: net.controller,
  });
  console.log(`frontend   uploaded ${upload.uploaded} encodings (${upload.unchanged} unchanged), removed ${upload.deleted} files`);

  console.log(`\nlocalnet is running, state in ${STATE_DIR}`);
  console.log(`  frontend           http://${frontendId.toText()}.localhost:${PORT}/`);
  console.log(`  Internet Identity  http://${II_CANISTER_ID}.localhost:${PORT}/`);
  console.log(`  replica API        ${server.url}  (agents: fetchRootKey)`);
  for (const [name, id] of Object.entries(ids)) console.log(`  ${name.padEnd(18)} ${id.toText()}`);
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping...');
    await server.close();
    await net.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
