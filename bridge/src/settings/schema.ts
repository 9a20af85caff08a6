import { Principal } from '@dfinity/principal';
import { boolean, integer, oneOf, string, type ValuesOf } from './setting.js';

const MIB = 1024 * 1024;
const port = (description: string, value: number) => integer({ description, default: value, min: 0, max: 65_535 });

const canisterId = (value: string): string | undefined => {
  if (value === '') return 'is required: the principal of the telemetry canister';
  try {
    Principal.fromText(value);
    return undefined;
  } catch {
    return 'is not a principal in text form';
  }
};

const urlOrEmpty = (value: string): string | undefined => {
  if (value === '') return undefined;
  try {
    new URL(value);
    return undefined;
  } catch {
    return 'is not a URL';
  }
};

/**
 * Every setting of the bridge. Sources, later ones winning: the defaults here, a JSON settings file
 * (CHARGEX_BRIDGE_SETTINGS_FILE), environment variables named CHARGEX_BRIDGE_<PATH> (dataDir -> DATA_DIR,
 * relay.canisterId -> RELAY_CANISTER_ID), then overrides given in code (tests).
 */
export const settingsSchema = {
  dataDir: string({ description: 'Folder for the spool, the bridge identity and the TLS certificate', default: '.bridge-data' }),
  log: {
    level: oneOf(['debug', 'info', 'warn', 'error'] as const, { description: 'Lowest level of the JSON log lines written to stdout', default: 'info' }),
  },
  https: {
    enabled: boolean({ description: 'Accept signed batches by POST /v1/batches', default: true }),
    host: string({ description: 'Address the ingest server listens on', default: '0.0.0.0' }),
    port: port('Port of the ingest server (0: any free port)', 8443),
    plainHttp: boolean({
      description: 'Serve ingest over plain HTTP instead of HTTPS: only behind a TLS-terminating proxy, or in tests',
      default: false,
    }),
    tlsHostnames: string({
      description: 'Comma-separated DNS names and IP addresses the self-signed certificate is made for',
      default: 'localhost,127.0.0.1',
    }),
  },
  mqtt: {
    enabled: boolean({ description: 'Accept signed batches published over MQTT', default: true }),
    url: string({
      description: 'External broker URL (mqtt://host:1883, mqtts://...); empty: run the embedded broker',
      default: '',
      check: urlOrEmpty,
    }),
    username: string({ description: 'User name for an external broker', default: '' }),
    password: string({ description: 'Password for an external broker', default: '', secret: true }),
    embeddedHost: string({ description: 'Address the embedded broker listens on (loopback by default: it does not authenticate devices yet; 0.0.0.0 opens it to the network)', default: '127.0.0.1' }),
    embeddedPort: port('Port of the embedded broker (0: any free port)', 1883),
    topicPrefix: string({
      description: 'Prefix of every topic (see src/mqtt/topics.ts)',
      default: 'chargex/v1',
      check: (value) => (/^[^#+]+[^/#+]$/.test(value) ? undefined : 'must be a topic without wildcards or a trailing slash'),
    }),
    clientId: string({ description: 'MQTT client id of the bridge', default: 'chargex-bridge' }),
  },
  ops: {
    host: string({ description: 'Address of the plain-HTTP /healthz, /readyz and /metrics server', default: '127.0.0.1' }),
    port: port('Port of the ops server (0: any free port)', 9464),
  },
  ingest: {
    maxFrameBytes: integer({ description: 'Largest signed batch accepted, in bytes', default: 64 * 1024, min: 256, max: 4 * MIB }),
    maxClockSkewMs: integer({
      description: 'How far ahead of the bridge clock a reading may be stamped',
      default: 5 * 60_000,
      min: 0,
      max: 24 * 3_600_000,
    }),
    maxReadingAgeMs: integer({
      description: 'Oldest reading accepted (devices buffer while offline)',
      default: 14 * 24 * 3_600_000,
      min: 60_000,
      max: 365 * 24 * 3_600_000,
    }),
  },
  spool: {
    maxBytes: integer({ description: 'Unrelayed batches the spool holds before refusing devices (503 / MQTT nack)', default: 256 * MIB, min: 4096, max: 64 * 1024 * MIB }),
    segmentBytes: integer({ description: 'Size at which the spool starts a new segment file', default: 8 * MIB, min: 4096, max: 1024 * MIB }),
    fsync: oneOf(['always', 'interval', 'never'] as const, {
      description:
        'always: fsync before a device is acknowledged (survives power loss); interval: every fsyncIntervalMs (survives a killed process); never: leave it to the OS',
      default: 'always',
    }),
    fsyncIntervalMs: integer({ description: 'fsync period for fsync=interval', default: 200, min: 1, max: 60_000 }),
  },
  relay: {
    host: string({ description: 'IC HTTP endpoint the agent calls (https://icp-api.io on mainnet)', default: 'http://127.0.0.1:4943', check: urlOrEmpty }),
    canisterId: string({ description: 'Principal of the telemetry canister', default: '', check: canisterId }),
    fetchRootKey: boolean({ description: "Trust the endpoint's root key (local replicas only; never on mainnet)", default: false }),
    maxBatchesPerCall: integer({ description: 'Batches relayed in one ingest call (telemetry takes at most 32)', default: 32, min: 1, max: 32 }),
    maxCallBytes: integer({ description: 'Largest argument of one ingest call (the IC takes at most 2 MiB)', default: 1_500_000, min: 4096, max: 2 * MIB - 64 * 1024 }),
    lingerMs: integer({ description: 'How long the relay waits to fill a call once a batch is pending', default: 50, min: 0, max: 60_000 }),
    retryInitialMs: integer({ description: 'First wait after a failed ingest call; doubles per failure', default: 250, min: 10, max: 60_000 }),
    retryMaxMs: integer({ description: 'Longest wait between ingest retries', default: 30_000, min: 10, max: 3_600_000 }),
  },
  registry: {
    refreshIntervalMs: integer({ description: "How often the device registry cache asks telemetry for changed keys", default: 15_000, min: 100, max: 3_600_000 }),
    pageSize: integer({ description: 'Device keys asked for per registry query (telemetry answers at most 100)', default: 100, min: 1, max: 100 }),
  },
};

export type Settings = ValuesOf<typeof settingsSchema>;
