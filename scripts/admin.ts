/**
 * The ChargeX admin command line: `npm run admin -- <command> [arguments] [--json]`. Roles, devices, batteries,
 * local ckBTC, the status of every canister and the bridge's health, through the official agent over HTTP, with
 * a dfx-style PEM identity or, on localnet, its controller. `npm run admin -- help` lists the commands.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { AdminError } from './admin/admin_error.js';
import { COMMANDS, type Flags } from './admin/commands.js';
import { Connection } from './admin/connection.js';
import { loadIdentity } from './admin/identity.js';
import { REPO_ROOT } from './project/repo-root.js';

const OPTIONS = {
  network: { type: 'string', default: 'local' },
  host: { type: 'string' },
  'ids-file': { type: 'string' },
  'state-dir': { type: 'string', default: join(REPO_ROOT, '.localnet') },
  identity: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
  // Command flags.
  serial: { type: 'string' },
  device: { type: 'string' },
  manufacturer: { type: 'string' },
  model: { type: 'string' },
  chemistry: { type: 'string' },
  'capacity-wh': { type: 'string' },
  'voltage-mv': { type: 'string' },
  made: { type: 'string' },
  battery: { type: 'string' },
  'key-file': { type: 'string' },
  algorithm: { type: 'string' },
  owner: { type: 'string' },
  'interval-s': { type: 'string' },
  firmware: { type: 'string' },
  'ops-url': { type: 'string' }
} as const;

function usage(): string {
  const commands = Object.values(COMMANDS).map((command) => `  ${command.usage}\n      ${command.summary}`);
  return [
    'usage: npm run admin -- <command> [arguments] [--json]',
    '  --network local|ic (local)   --host URL (http://127.0.0.1:4943 locally, https://icp-api.io on ic)',
    '  --identity FILE.pem (default on localnet: its controller, <state dir>/controller-identity.json)',
    '  --ids-file FILE (.dfx/local/canister_ids.json locally, canister_ids.json on ic)   --state-dir DIR (.localnet)',
    'commands:',
    ...commands
  ].join('\n');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: OPTIONS, allowPositionals: true });
  const [name, ...args] = positionals;
  if (values.help || name === undefined || name === 'help') {
    console.log(usage());
    return;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    throw new AdminError(`There is no command ${name}: \`npm run admin -- help\` lists them.`);
  }
  const network = values.network === 'ic' ? 'ic' : values.network === 'local' ? 'local' : undefined;
  if (network === undefined) throw new AdminError('--network must be local or ic.');
  const target = {
    network,
    host: values.host ?? (network === 'local' ? 'http://127.0.0.1:4943' : 'https://icp-api.io'),
    idsFile: values['ids-file'] ?? (network === 'local' ? join(REPO_ROOT, '.dfx', 'local', 'canister_ids.json') : join(REPO_ROOT, 'canister_ids.json'))
  } as const;
  const connection = await Connection.open(target, loadIdentity(values.identity, values['state-dir'], network));
  const outcome = await command.run(connection, args, values as Flags);
  console.log(values.json ? JSON.stringify(outcome.json, (_key, value) => (typeof value === 'bigint' ? value.toString() : value), 2) : outcome.lines.join('\n'));
}

main().catch((error: unknown) => {
  // Expected failures are one sentence; anything else names itself without a stack trace.
  const message = error instanceof AdminError ? error.message : `The command failed: ${error instanceof Error ? error.message : String(error)}`;
  console.error(message);
  process.exit(1);
});
