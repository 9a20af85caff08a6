import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

/** The part of a dfx.json canister entry this build reads; other fields are kept for the input hash. */
export type CanisterEntry = {
  type?: string;
  main?: string;
  candid?: string;
  custom?: { candid_gen?: string; env?: string[] };
  [field: string]: unknown;
};

export type DfxJson = { canisters?: Record<string, CanisterEntry> };

/** An Azle canister of a dfx.json, with its paths made absolute. */
export type AzleCanister = {
  name: string;
  main: string;
  /** Where azle writes the generated .did (or reads it when `candid_gen` is "custom"). */
  candidPath: string;
  entry: CanisterEntry;
};

/** Reads and parses `root/dfx.json`. */
export async function readDfxJson(root: string): Promise<DfxJson> {
  const path = join(root, 'dfx.json');
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new Error(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  return JSON.parse(text) as DfxJson;
}

/**
 * Picks the canisters to build: every `"type": "azle"` canister, or exactly the named ones (in dfx.json order).
 * Throws on a name that dfx.json lacks or that is not an Azle canister, so a typo never builds nothing quietly.
 */
export function selectAzleCanisters(dfx: DfxJson, root: string, names: readonly string[] = []): AzleCanister[] {
  const entries = Object.entries(dfx.canisters ?? {});
  for (const name of names) {
    const entry = dfx.canisters?.[name];
    if (entry === undefined) {
      throw new Error(`no canister "${name}" in dfx.json (known: ${entries.map(([known]) => known).join(', ')})`);
    }
    if (entry.type !== 'azle') throw new Error(`canister "${name}" is of type "${entry.type}", not "azle"`);
  }
  return entries
    .filter(([name, entry]) => entry.type === 'azle' && (names.length === 0 || names.includes(name)))
    .map(([name, entry]) => toAzleCanister(name, entry, root));
}

function toAzleCanister(name: string, entry: CanisterEntry, root: string): AzleCanister {
  if (entry.main === undefined) throw new Error(`canister "${name}" has no "main" in dfx.json`);
  return {
    name,
    main: absolute(root, entry.main),
    candidPath: absolute(root, entry.candid ?? join('.azle', name, `${name}.did`)),
    entry,
  };
}

function absolute(root: string, path: string): string {
  return isAbsolute(path) ? path : join(root, path);
}

/** A canister whose dfx.json entry names a .did file (any type), with that path as written and made absolute. */
export type CandidCanister = { name: string; candid: string; candidPath: string };

/** Lists the canisters of dfx.json that declare a `candid` file, in dfx.json order. */
export function selectCandidCanisters(dfx: DfxJson, root: string): CandidCanister[] {
  return Object.entries(dfx.canisters ?? {}).flatMap(([name, entry]) =>
    entry.candid === undefined ? [] : [{ name, candid: entry.candid, candidPath: absolute(root, entry.candid) }],
  );
}
