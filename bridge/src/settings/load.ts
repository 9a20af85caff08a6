import { readFileSync } from 'node:fs';
import { settingsSchema, type Settings } from './schema.js';
import { isSetting, type SchemaTree, type Setting } from './setting.js';

export const ENV_PREFIX = 'CHARGEX_BRIDGE_';
/** Names a JSON file of settings (the same tree as the schema, any subset of it). */
export const SETTINGS_FILE_ENV = `${ENV_PREFIX}SETTINGS_FILE`;

/** One setting with where it sits in the tree and the environment variable that overrides it. */
export interface SettingEntry {
  path: string;
  env: string;
  setting: Setting;
}

/** Every setting of the schema, in schema order. */
export function settingEntries(tree: SchemaTree = settingsSchema, prefix = ''): SettingEntry[] {
  return Object.entries(tree).flatMap(([name, node]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return isSetting(node) ? [{ path, env: envName(path), setting: node }] : settingEntries(node, path);
  });
}

/** relay.canisterId -> CHARGEX_BRIDGE_RELAY_CANISTER_ID */
export function envName(path: string): string {
  return ENV_PREFIX + path.replace(/\./g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; errors: string[] };

type Overrides = { [key: string]: unknown };

/**
 * Settings from the defaults, the settings file, the environment and `overrides`, validated. Every problem is
 * reported (not just the first), each naming the setting, where the value came from and what is allowed.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, overrides: Overrides = {}): SettingsResult {
  const errors: string[] = [];
  const file = readSettingsFile(env[SETTINGS_FILE_ENV], errors);
  const values: Record<string, unknown> = {};
  for (const { path, env: variable, setting } of settingEntries()) {
    const fromOverride = lookup(overrides, path);
    const fromEnv = env[variable];
    const fromFile = lookup(file, path);
    let source = 'default';
    let value: unknown = setting.default;
    if (fromOverride !== undefined) [source, value] = ['override', fromOverride];
    else if (fromEnv !== undefined) [source, value] = [variable, parseEnv(setting, fromEnv)];
    else if (fromFile !== undefined) [source, value] = [`settings file`, fromFile];
    const problem = validate(setting, value);
    if (problem) errors.push(`${path}: ${problem} (got ${JSON.stringify(value)} from ${source})`);
    else values[path] = value;
  }
  for (const path of unknownPaths(file)) errors.push(`${path}: no such setting (in the settings file)`);
  for (const path of unknownPaths(overrides)) errors.push(`${path}: no such setting (in overrides)`);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings: unflatten(values) as Settings };
}

/** Like loadSettings, but throws one error listing every problem. */
export function requireSettings(env: NodeJS.ProcessEnv = process.env, overrides: Overrides = {}): Settings {
  const result = loadSettings(env, overrides);
  if (!result.ok) throw new SettingsError(result.errors);
  return result.settings;
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  constructor(readonly problems: string[]) {
    super(`invalid bridge settings:\n  ${problems.join('\n  ')}\n(see \`npm run settings -w @chargex/bridge\` for every setting)`);
  }
}

function readSettingsFile(path: string | undefined, errors: string[]): Overrides {
  if (!path) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Overrides;
    errors.push(`${SETTINGS_FILE_ENV}: ${path} does not hold a JSON object`);
  } catch (error) {
    errors.push(`${SETTINGS_FILE_ENV}: cannot read ${path}: ${(error as Error).message}`);
  }
  return {};
}

/** Environment strings become the setting's type where they clearly are one; validate() judges the rest. */
function parseEnv(setting: Setting, raw: string): unknown {
  if (setting.kind === 'integer' && /^-?\d+$/.test(raw.trim())) return Number(raw.trim());
  if (setting.kind === 'boolean' && /^(true|1|yes)$/i.test(raw.trim())) return true;
  if (setting.kind === 'boolean' && /^(false|0|no)$/i.test(raw.trim())) return false;
  return raw;
}

function validate(setting: Setting, value: unknown): string | undefined {
  switch (setting.kind) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < setting.min || value > setting.max) {
        return `must be an integer from ${setting.min} to ${setting.max}`;
      }
      return setting.check?.(value);
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'enum':
      return typeof value === 'string' && setting.values.includes(value) ? setting.check?.(value) : `must be one of ${setting.values.join(', ')}`;
    case 'string':
      return typeof value === 'string' ? setting.check?.(value) : 'must be a string';
  }
}

function lookup(tree: Overrides, path: string): unknown {
  let node: unknown = tree;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Overrides)[part];
  }
  return node;
}

function unknownPaths(tree: Overrides, schema: SchemaTree = settingsSchema, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([name, value]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const node = schema[name];
    if (node === undefined) return [path];
    if (isSetting(node) || typeof value !== 'object' || value === null) return [];
    return unknownPaths(value as Overrides, node, path);
  });
}

function unflatten(values: Record<string, unknown>): Overrides {
  const tree: Overrides = {};
  for (const [path, value] of Object.entries(values)) {
    const parts = path.split('.');
    let node = tree;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Overrides;
    node[parts.at(-1)!] = value;
  }
  return tree;
}

/** Every setting with its environment variable, default and description, for `npm run settings`. */
export function describeSettings(): string {
  return settingEntries()
    .map(({ path, env, setting }) => {
      const allowed =
        setting.kind === 'integer' ? ` (${setting.min}..${setting.max})` : setting.kind === 'enum' ? ` (${setting.values.join(' | ')})` : '';
      return `${path}${allowed}\n  ${env} = ${JSON.stringify(setting.default)}\n  ${setting.description}`;
    })
    .join('\n');
}
