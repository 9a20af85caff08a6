/** An in-process bridge wired to a TelemetryStack, with its relayer role granted, on ephemeral ports. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bridge, createLogger, loadOrCreateIdentity, requireSettings, type Settings } from '@chargex/bridge';
import type { TelemetryStack } from './telemetry-stack.js';

type Overrides = Record<string, Record<string, unknown>>;

/** Settings overrides for a test bridge: loopback, any free ports, fast registry refresh, a short linger. */
export function testSettings(stack: TelemetryStack, dataDir: string, overrides: Overrides = {}): Settings {
  const section = (name: string, values: Record<string, unknown>) => ({ ...values, ...overrides[name] });
  return requireSettings(
    {},
    {
      ...overrides,
      dataDir,
      log: section('log', { level: process.env.BRIDGE_TEST_LOGS ? 'debug' : 'error' }),
      https: section('https', { host: '127.0.0.1', port: 0 }),
      mqtt: section('mqtt', { embeddedHost: '127.0.0.1', embeddedPort: 0, clientId: `bridge-${Math.floor(Math.random() * 1e9)}` }),
      ops: section('ops', { port: 0 }),
      relay: section('relay', { host: stack.url, canisterId: stack.telemetryId, fetchRootKey: true, lingerMs: 20, retryInitialMs: 100, retryMaxMs: 1_000 }),
      registry: section('registry', { refreshIntervalMs: 500 }),
      spool: section('spool', { fsync: 'never' }),
    },
  );
}

/** Starts a bridge with a fresh data dir after granting its identity the relayer role. */
export async function startTestBridge(stack: TelemetryStack, overrides: Overrides = {}): Promise<{ bridge: Bridge; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bridge-data-'));
  await stack.grantRelayer(loadOrCreateIdentity(dataDir).getPrincipal());
  const settings = testSettings(stack, dataDir, overrides);
  const bridge = await Bridge.start(settings, { logger: createLogger(settings.log.level, (line) => process.stderr.write(line)) });
  return { bridge, dataDir };
}
