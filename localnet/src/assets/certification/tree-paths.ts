import { utf8ToBytes } from '@noble/hashes/utils';

/** Where every certified HTTP response lives in the canister's tree. */
export const HTTP_EXPR = 'http_expr';
const EXACT = '<$>';
const WILDCARD = '<*>';

/**
 * The segments of a (decoded) URL path as response verification v2 reads them: empty segments dropped, and a
 * trailing slash kept as an empty last segment, so `/app` and `/app/` are different paths.
 */
export function pathSegments(path: string): string[] {
  const segments = path.split('/').filter((segment) => segment !== '');
  if (path.endsWith('/')) segments.push('');
  return segments;
}

/** `["http_expr", ...segments, "<$>"]`: the expression path certifying exactly `path`. */
export function exactPath(path: string): string[] {
  return [HTTP_EXPR, ...pathSegments(path), EXACT];
}

/** `["http_expr", ...segments, "<*>"]`: the expression path certifying every path under `prefix`. */
export function wildcardPath(prefix: string): string[] {
  return [HTTP_EXPR, ...pathSegments(prefix), WILDCARD];
}

/**
 * The expression paths a verifier looks up to make sure a response certified under the wildcard `prefix` is the
 * most specific one for `path`: the exact path, then every wildcard between the two, with and without a trailing
 * empty segment (HTTP Gateway Protocol, "Expression Path"). A witness must prove each of them absent.
 */
export function morePreciseThanWildcard(path: string, prefix: string): string[][] {
  const stop = pathSegments(prefix);
  const candidates = [exactPath(path)];
  let segments = pathSegments(path);
  while (segments.length > stop.length || segments.at(-1) !== stop.at(-1)) {
    candidates.push([HTTP_EXPR, ...segments, WILDCARD]);
    segments = segments.at(-1) === '' ? segments.slice(0, -1) : [...segments.slice(0, -1), ''];
    if (segments.length === 0) break;
  }
  return candidates;
}

export function toLabels(path: readonly (string | Uint8Array)[]): Uint8Array[] {
  return path.map((segment) => (typeof segment === 'string' ? utf8ToBytes(segment) : segment));
}
