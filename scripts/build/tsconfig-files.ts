import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';

/**
 * Returns the tsconfig files that shape how esbuild compiles `sources`: the nearest tsconfig.json above each
 * source and the chain of relative `extends` it pulls in. They are build inputs (decorator and class-field
 * settings change the emitted code) that esbuild's metafile does not list.
 */
export function tsconfigFilesFor(sources: readonly string[]): string[] {
  const found = new Set<string>();
  const nearestByDir = new Map<string, string | undefined>();
  for (const source of sources) {
    const nearest = nearestTsconfig(dirname(source), nearestByDir);
    if (nearest !== undefined) addWithExtends(nearest, found);
  }
  return [...found].sort();
}

function nearestTsconfig(dir: string, cache: Map<string, string | undefined>): string | undefined {
  if (cache.has(dir)) return cache.get(dir);
  const candidate = join(dir, 'tsconfig.json');
  const parent = dirname(dir);
  const nearest = existsSync(candidate) ? candidate : dir === parse(dir).root ? undefined : nearestTsconfig(parent, cache);
  cache.set(dir, nearest);
  return nearest;
}

function addWithExtends(path: string, found: Set<string>): void {
  if (found.has(path) || !existsSync(path)) return;
  found.add(path);
  for (const target of relativeExtends(readFileSync(path, 'utf8'))) {
    const resolved = join(dirname(path), target);
    addWithExtends(resolved.endsWith('.json') ? resolved : `${resolved}.json`, found);
  }
}

/**
 * The relative `extends` targets of a tsconfig text. tsconfig is JSON with comments, so this reads the one field
 * with a pattern instead of a JSON parser; package targets (`"@scope/tsconfig"`) live in node_modules and are
 * not followed.
 */
export function relativeExtends(tsconfigText: string): string[] {
  const field = /"extends"\s*:\s*("(?:[^"\\]|\\.)*"|\[[^\]]*\])/.exec(tsconfigText);
  if (field?.[1] === undefined) return [];
  const targets = [...field[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1] ?? '');
  return targets.filter((target) => target.startsWith('./') || target.startsWith('../'));
}
