/** The settings schema: defaults, environment overrides, a settings file, and readable errors. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envName, loadSettings, settingEntries } from '@chargex/bridge';

const CANISTER = 'ryjl3-tyaaa-aaaaa-aaaba-cai';

describe('bridge settings', () => {
  it('derives every environment variable name from the setting path', () => {
    expect(envName('dataDir')).toBe('CHARGEX_BRIDGE_DATA_DIR');
    expect(envName('relay.canisterId')).toBe('CHARGEX_BRIDGE_RELAY_CANISTER_ID');
    expect(envName('registry.refreshIntervalMs')).toBe('CHARGEX_BRIDGE_REGISTRY_REFRESH_INTERVAL_MS');
    const names = settingEntries().map((entry) => entry.env);
    expect(new Set(names).size).toBe(names.length);
    for (const { setting } of settingEntries()) expect(setting.description.length).toBeGreaterThan(10);
  });

  it('takes defaults, and environment values over them', () => {
    const result = loadSettings({ CHARGEX_BRIDGE_RELAY_CANISTER_ID: CANISTER, CHARGEX_BRIDGE_HTTPS_PORT: '9443', CHARGEX_BRIDGE_MQTT_ENABLED: 'false', CHARGEX_BRIDGE_SPOOL_FSYNC: 'interval' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.https.port).toBe(9443);
    expect(result.settings.mqtt.enabled).toBe(false);
    expect(result.settings.spool.fsync).toBe('interval');
    expect(result.settings.ops.port).toBe(9464);
    expect(result.settings.relay.canisterId).toBe(CANISTER);
  });

  it('reads a settings file, which the environment and overrides beat', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'settings-')), 'bridge.json');
    writeFileSync(file, JSON.stringify({ relay: { canisterId: CANISTER, lingerMs: 5 }, https: { port: 1 } }));
    const result = loadSettings({ CHARGEX_BRIDGE_SETTINGS_FILE: file, CHARGEX_BRIDGE_HTTPS_PORT: '2' }, { relay: { lingerMs: 7 } });
    expect(result.ok && [result.settings.https.port, result.settings.relay.lingerMs, result.settings.relay.canisterId]).toEqual([2, 7, CANISTER]);
  });

  it('lists every problem, each with the setting, the source and what is allowed', () => {
    const result = loadSettings({
      CHARGEX_BRIDGE_HTTPS_PORT: 'eighty',
      CHARGEX_BRIDGE_SPOOL_FSYNC: 'sometimes',
      CHARGEX_BRIDGE_MQTT_URL: 'not a url',
      CHARGEX_BRIDGE_RELAY_CANISTER_ID: 'nope',
    }, { relay: { maxBatchesPerCall: 99 }, unknownThing: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'https.port: must be an integer from 0 to 65535 (got "eighty" from CHARGEX_BRIDGE_HTTPS_PORT)',
      'mqtt.url: is not a URL (got "not a url" from CHARGEX_BRIDGE_MQTT_URL)',
      'spool.fsync: must be one of always, interval, never (got "sometimes" from CHARGEX_BRIDGE_SPOOL_FSYNC)',
      'relay.canisterId: is not a principal in text form (got "nope" from CHARGEX_BRIDGE_RELAY_CANISTER_ID)',
      'relay.maxBatchesPerCall: must be an integer from 1 to 32 (got 99 from override)',
      'unknownThing: no such setting (in overrides)',
    ]);
  });

  it('requires the telemetry canister id', () => {
    const result = loadSettings({});
    expect(!result.ok && result.errors).toEqual(['relay.canisterId: is required: the principal of the telemetry canister (got "" from default)']);
  });
});
