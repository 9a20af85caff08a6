/**
 * `npm start` as a newcomer runs it: the whole system comes up (canisters deployed, HTTP interface, gateway,
 * frontend uploaded), data survives a Ctrl-C and a second start (which changes nothing), and --clean wipes it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Actor, HttpAgent } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { profileIdlFactory, type ProfileService } from '@chargex/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 240_000;

interface Started {
  child: ChildProcess;
  output: string;
}

/** Runs scripts/start.ts until it says it is running; the caller stops it with SIGINT. */
function start(args: string[]): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'start.ts'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), START_TIMEOUT_MS);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve({ child, output });
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
}

/** Sends Ctrl-C and resolves with the exit code. */
function interrupt(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

function get(port: number, host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'npm-start-'));
  const identity = Ed25519KeyIdentity.generate();
  let port: number;
  let args: string[];

  beforeAll(async () => {
    port = await freePort();
    args = ['--port', String(port), '--state-dir', join(dir, 'state'), '--ids-file', join(dir, 'canister_ids.json'), '--dotenv', join(dir, '.env')];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const profileActor = async () => {
    const ids = JSON.parse(readFileSync(join(dir, 'canister_ids.json'), 'utf8')) as Record<string, { local: string }>;
    const agent = await HttpAgent.create({ host: `http://127.0.0.1:${port}`, identity, shouldFetchRootKey: true });
    return Actor.createActor<ProfileService>(profileIdlFactory, { agent, canisterId: ids.profile!.local });
  };

  it('brings up every canister, the HTTP interface and the frontend, and stops on Ctrl-C', async () => {
    const { child, output } = await start(args);
    try {
      const frontend = /frontend\s+http:\/\/([a-z0-9-]+)\.localhost/.exec(output)?.[1];
      expect(frontend).toBeDefined();
      const page = await get(port, `${frontend}.localhost:${port}`, '/');
      expect(page.status).toBe(200);
      expect(page.body).toContain('<div id="root">');
      expect((await get(port, `127.0.0.1:${port}`, '/api/v2/status')).status).toBe(200);

      const profile = await profileActor();
      expect(await profile.register({ display_name: 'Start Tester', email: [], phone: [] })).toHaveProperty('Ok');
    } finally {
      expect(await interrupt(child)).toBe(0);
    }
  });

  it('starts again without changing anything and keeps the data', async () => {
    const { child, output } = await start(args);
    try {
      for (const name of ['profile', 'leasing', 'telemetry', 'ai', 'alerts', 'trust', 'energy', 'ledger']) {
        expect(output).toMatch(new RegExp(`^${name}\\s+unchanged$`, 'm'));
      }
      expect(output).toMatch(/^frontend\s+unchanged$/m);
      const mine = await (await profileActor()).get_my_profile();
      expect(mine).toMatchObject({ Ok: { display_name: 'Start Tester' } });
    } finally {
      expect(await interrupt(child)).toBe(0);
    }
  });

  it('--clean starts from empty state', async () => {
    const { child } = await start([...args, '--clean']);
    try {
      expect(await (await profileActor()).get_my_profile()).toMatchObject({ Err: { NotFound: expect.anything() } });
    } finally {
      expect(await interrupt(child)).toBe(0);
    }
  });
});
