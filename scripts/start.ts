/**
 * `npm start`: builds what changed, starts localnet with its persistent state (`.localnet/`), deploys every
 * canister of dfx.json with its peer configuration (upgrading changed ones, keeping their data) and keeps
 * running, with timers live, until Ctrl-C. `--clean` starts from empty state.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { LocalNet, deployDfxProject, type DeployedCanisters } from 'localnet';
import { REPO_ROOT } from './build/azle-package.js';
import { buildCanisters, formatResult } from './build/index.js';

const PEERS = ['profile', 'leasing', 'telemetry', 'ai', 'alerts', 'trust', 'energy', 'ledger'] as const;
/** The init/upgrade argument every ChargeX canister takes: `opt CanisterConfig` (see packages/common/src/config.ts). */
const CanisterConfigArg = IDL.Opt(IDL.Record(Object.fromEntries(PEERS.map((name) => [name, IDL.Opt(IDL.Principal)]))));

function configArg(ids: DeployedCanisters): Uint8Array {
  const config = Object.fromEntries(PEERS.map((name) => [name, ids[name] ? [ids[name] as Principal] : []]));
  return new Uint8Array(IDL.encode([CanisterConfigArg], [[config]]));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { clean: { type: 'boolean', default: false } } });
  const results = await buildCanisters({ root: REPO_ROOT, onProgress: (result) => console.log(formatResult(result, 10)) });
  if (results.some((result) => result.status === 'failed')) throw new Error('a canister failed to build');

  const stateDir = join(REPO_ROOT, '.localnet');
  const net = await LocalNet.create({
    stateDir,
    clean: values.clean,
    onLog: (canister, line) => console.log(`[${canister.toText()}] ${line}`),
  });
  const ids = await deployDfxProject(net, {
    root: REPO_ROOT,
    initArg: (_name, all) => configArg(all),
    canisterIdsFile: join(REPO_ROOT, '.dfx', 'local', 'canister_ids.json'),
    onProgress: (name, action) => console.log(`${name.padEnd(10)} ${action}`),
  });

  console.log(`\nlocalnet is running (state in ${stateDir}); canister ids:`);
  for (const [name, id] of Object.entries(ids)) console.log(`  ${name.padEnd(10)} ${id.toText()}`);
  console.log('Press Ctrl-C to stop.');

  const stop = async () => {
    console.log('\nstopping localnet...');
    await net.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  // The replica's own timers are unref'd; this keeps the process alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
