import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import JSON5 from 'json5';
import picomatch from 'picomatch';

/** The file names dfx reads asset rules from, in any folder of the site. */
export const CONFIG_FILE_NAMES = ['.ic-assets.json5', '.ic-assets.json'];

/** What the rules decide for one file; absent fields keep the asset canister's defaults. */
export interface AssetConfig {
  maxAgeSeconds?: number;
  headers: Record<string, string>;
  ignore?: boolean;
  enableAliasing?: boolean;
  allowRawAccess?: boolean;
  encodings?: string[];
}

interface Rule {
  /** Matches paths relative to the folder holding the rule's file. */
  matches(relativePath: string): boolean;
  folder: string;
  cache?: { max_age?: number };
  headers?: Record<string, string | null>;
  ignore?: boolean;
  enable_aliasing?: boolean;
  allow_raw_access?: boolean;
  encodings?: string[];
}

const RULE_FIELDS = new Set(['match', 'cache', 'headers', 'ignore', 'enable_aliasing', 'allow_raw_access', 'encodings']);
const ENCODINGS = new Set(['identity', 'gzip', 'br']);

/**
 * The rules of every `.ic-assets.json5` under `root`, as dfx's `ic-asset` applies them: a rule's `match` glob is
 * relative to its file's folder; rules apply in order, parent folders first, and a later rule overrides the
 * fields it sets (headers merge by name; `null` removes one). Hidden files are ignored unless a rule says
 * `ignore: false`.
 */
export class AssetRules {
  private constructor(private readonly rules: Rule[]) {}

  static load(root: string): AssetRules {
    return new AssetRules(loadRules(root, root));
  }

  configFor(relativePath: string): AssetConfig {
    const hidden = relativePath.split('/').some((segment) => segment.startsWith('.'));
    const config: AssetConfig = { headers: {}, ignore: hidden || undefined };
    for (const rule of this.rules) {
      const inFolder = rule.folder === '' ? relativePath : relativePath.startsWith(`${rule.folder}/`) ? relativePath.slice(rule.folder.length + 1) : undefined;
      if (inFolder === undefined || !rule.matches(inFolder)) continue;
      if (rule.cache?.max_age !== undefined) config.maxAgeSeconds = rule.cache.max_age;
      for (const [name, value] of Object.entries(rule.headers ?? {})) {
        if (value === null) delete config.headers[name.toLowerCase()];
        else config.headers[name.toLowerCase()] = value;
      }
      if (rule.ignore !== undefined) config.ignore = rule.ignore;
      if (rule.enable_aliasing !== undefined) config.enableAliasing = rule.enable_aliasing;
      if (rule.allow_raw_access !== undefined) config.allowRawAccess = rule.allow_raw_access;
      if (rule.encodings !== undefined) config.encodings = rule.encodings;
    }
    return config;
  }
}

function loadRules(root: string, folder: string): Rule[] {
  const here = relative(root, folder).split(sep).join('/');
  const rules = CONFIG_FILE_NAMES.map((name) => join(folder, name))
    .filter((file) => existsSync(file))
    .flatMap((file) => parseRules(file, here));
  const subfolders = readdirSync(folder)
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isDirectory())
    .sort();
  return [...rules, ...subfolders.flatMap((path) => loadRules(root, path))];
}

function parseRules(file: string, folder: string): Rule[] {
  let parsed: unknown;
  try {
    parsed = JSON5.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not valid JSON5: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`${file} must hold an array of rules`);
  return parsed.map((value, index) => {
    const where = `${file}, rule ${index + 1}`;
    if (typeof value !== 'object' || value === null) throw new Error(`${where} is not an object`);
    const raw = value as Record<string, unknown>;
    const unknown = Object.keys(raw).filter((key) => !RULE_FIELDS.has(key));
    if (unknown.length > 0) throw new Error(`${where} has unknown fields: ${unknown.join(', ')}`);
    if (typeof raw.match !== 'string') throw new Error(`${where} needs a "match" glob`);
    const encodings = raw.encodings as string[] | undefined;
    const bad = encodings?.filter((encoding) => !ENCODINGS.has(encoding)) ?? [];
    if (bad.length > 0) throw new Error(`${where} names unsupported encodings: ${bad.join(', ')}`);
    return { ...(raw as Omit<Rule, 'matches' | 'folder'>), folder, matches: picomatch(raw.match, { dot: true }) };
  });
}
