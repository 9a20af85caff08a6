/**
 * The bridge's command line fails cleanly: a port another program holds ends the start with one readable line on
 * stderr and exit code 1, no stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TelemetryStack } from './support/telemetry-stack.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the bridge's `start` with these settings until it exits; its exit code and stderr. */
function runBridge(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bridge/src/main.ts', 'start'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    }),
  );
}

describe('bridge start failures', () => {
  let stack: TelemetryStack;
  let holder: Server;
  let busyPort: number;

  beforeAll(async () => {
    stack = await TelemetryStack.start();
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    busyPort = (holder.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => holder?.close(() => resolve()));
    await stack?.stop();
  });

  it.each([
    ['the HTTPS ingest port', { CHARGEX_BRIDGE_HTTPS_PORT: 'BUSY', CHARGEX_BRIDGE_MQTT_ENABLED: 'false' }],
    ['the embedded MQTT broker port', { CHARGEX_BRIDGE_MQTT_EMBEDDED_PORT: 'BUSY', CHARGEX_BRIDGE_MQTT_EMBEDDED_HOST: '127.0.0.1', CHARGEX_BRIDGE_HTTPS_ENABLED: 'false' }],
  ])('says in one line that %s is in use, and exits with 1', async (_what, settings) => {
    const env = Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, value === 'BUSY' ? String(busyPort) : value]));
    const { code, stderr } = await runBridge({
      ...env,
      CHARGEX_BRIDGE_DATA_DIR: mkdtempSync(join(tmpdir(), 'bridge-busy-')),
      CHARGEX_BRIDGE_LOG_LEVEL: 'error',
      CHARGEX_BRIDGE_HTTPS_HOST: '127.0.0.1',
      CHARGEX_BRIDGE_OPS_PORT: '0',
      CHARGEX_BRIDGE_RELAY_HOST: stack.url,
      CHARGEX_BRIDGE_RELAY_CANISTER_ID: stack.telemetryId,
      CHARGEX_BRIDGE_RELAY_FETCH_ROOT_KEY: 'true',
    });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      `bridge: cannot listen on 127.0.0.1:${busyPort}: another program already uses that port. Stop it, or choose another port (CHARGEX_BRIDGE_HTTPS_PORT, CHARGEX_BRIDGE_MQTT_EMBEDDED_PORT, CHARGEX_BRIDGE_OPS_PORT; 0 picks a free one).`,
    ]);
  });
});
