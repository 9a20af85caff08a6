/**
 * The admin command line end to end, as an operator runs it against a replica served over HTTP (what `npm start`
 * runs): as the localnet controller by default, or with a dfx-style PEM identity; readable output, `--json`, and
 * one-line refusals with exit code 1.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { Ed25519KeyIdentity } from '@dfinity/identity';
import { encodeCanisterConfigArg } from '@chargex/client';
import { deployDfxProject, LocalNet, startHttpServer, type HttpServer } from 'localnet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

describe('npm run admin', () => {
  let net: LocalNet;
  let server: HttpServer;
  let stateDir: string;

  /** Runs the command line; its exit code, stdout and stderr. */
  async function admin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const common = ['--host', server.url, '--ids-file', join(stateDir, 'canister_ids.json'), '--state-dir', stateDir];
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args, ...common], { cwd: ROOT });
      return { code: 0, stdout: stdout.trim(), stderr: stderr.trim() };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout.trim(), stderr: failed.stderr.trim() };
    }
  }

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'admin-cli-'));
    net = await LocalNet.create({ stateDir });
    await deployDfxProject(net, { root: ROOT, initArg: (_name, all) => encodeCanisterConfigArg(all), canisterIdsFile: join(stateDir, 'canister_ids.json') });
    server = await startHttpServer(net, { port: 0, stateDir });
  });
  afterAll(async () => {
    await server?.close();
    await net?.stop();
  });

  it('acts as the localnet controller by default', async () => {
    expect(await admin('whoami')).toMatchObject({ code: 0, stdout: net.controller.getPrincipal().toText() });
  });

  it('grants a role, lists its members and revokes it', async () => {
    const operator = Ed25519KeyIdentity.generate().getPrincipal().toText();
    const granted = await admin('grant-role', operator, 'fleet_operator');
    expect(granted.code).toBe(0);
    expect(granted.stdout).toMatch(new RegExp(`^${operator} now holds fleet_operator`));
    expect((await admin('members', 'fleet_operator')).stdout.split('\n')).toContain(operator);
    expect((await admin('revoke-role', operator, 'fleet_operator')).code).toBe(0);
    expect((await admin('members', 'fleet_operator', '--json')).stdout).toBe('[]');
  });

  it('registers a battery and its monitor with the key from a file, suspends the monitor, mints local ckBTC', async () => {
    expect((await admin('grant-role', net.controller.getPrincipal().toText(), 'fleet_operator')).code).toBe(0);
    const battery = await admin('register-battery', '--serial', 'CLI-0001', '--device', 'cli-monitor-1', '--capacity-wh', '7000');
    expect(battery).toMatchObject({ code: 0, stdout: 'Battery CLI-0001 is token 1.' });

    const keyFile = join(stateDir, 'monitor.pub');
    writeFileSync(keyFile, `${Buffer.from(Ed25519KeyIdentity.generate().getPublicKey().rawKey).toString('hex')}\n`);
    const device = await admin('register-device', 'cli-monitor-1', '--battery', '1', '--key-file', keyFile);
    expect(device).toMatchObject({ code: 0, stdout: 'Device cli-monitor-1 is registered for battery 1.' });
    expect(await admin('suspend-device', 'cli-monitor-1')).toMatchObject({ code: 0, stdout: 'Device cli-monitor-1 is suspended: its batches are refused.' });
    const suspended = JSON.parse((await admin('activate-device', 'cli-monitor-1', '--json')).stdout);
    expect(suspended.status).toEqual({ Active: null });

    const minted = await admin('mint', Ed25519KeyIdentity.generate().getPrincipal().toText(), '250000');
    expect(minted.code).toBe(0);
    expect(minted.stdout).toMatch(/^Minted 250000 to .+ \(block \d+\)\.$/);
  });

  it('shows every canister’s status, readable and as JSON', async () => {
    const readable = await admin('status');
    expect(readable.code).toBe(0);
    for (const name of ['profile', 'ledger', 'leasing', 'telemetry', 'ai', 'alerts', 'trust', 'energy']) {
      expect(readable.stdout).toMatch(new RegExp(`^${name}\\s+\\S+\\s+v\\d`, 'm'));
    }
    const rows = JSON.parse((await admin('status', '--json')).stdout) as { name: string; counts: Record<string, string> }[];
    expect(rows.find((row) => row.name === 'leasing')!.counts.tokens).toBe('1');
    expect(rows.find((row) => row.name === 'telemetry')!.counts.devices).toBe('1');
  });

  it('refuses in one sentence with exit code 1: a stranger’s PEM identity, a wrong role, a missing flag', async () => {
    const pemFile = join(stateDir, 'stranger.pem');
    writeFileSync(pemFile, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const stranger = await admin('grant-role', net.controller.getPrincipal().toText(), 'admin', '--identity', pemFile);
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toMatch(/^The canister refused: \S+ lacks the admin role\.$/);
    const secp = join(stateDir, 'secp.pem');
    writeFileSync(secp, generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey.export({ format: 'pem', type: 'sec1' }));
    expect((await admin('whoami', '--identity', secp)).stdout).toMatch(/^[a-z0-9-]{63}$/);

    expect(await admin('grant-role', net.controller.getPrincipal().toText(), 'overlord')).toMatchObject({
      code: 1,
      stderr: 'overlord is not a role: use one of admin, fleet_operator, technician, relayer, station_operator, device, lessee.'
    });
    expect(await admin('register-battery', '--device', 'x')).toMatchObject({ code: 1, stderr: 'Give --serial.' });
    expect(await admin('frobnicate')).toMatchObject({ code: 1, stderr: 'There is no command frobnicate: `npm run admin -- help` lists them.' });
  });
});
