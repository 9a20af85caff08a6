/** The deployment a build is for, from the variables `npm start` (or dfx) passes: never from source. */
export interface Deployment {
  network: 'local' | 'ic';
  /** Canister ids the app calls, by name (the frontend's own and the identity provider's excluded). */
  canisters: Record<string, string>;
  /** The map tile URL template, or undefined for a map without tiles. */
  mapTiles?: string;
}

/** API versions the agent uses: v2 queries and status, v3 calls and read_state. */
const API_VERSIONS = ['v2', 'v3'];

/**
 * A Content-Security-Policy that lets the page load only its own files and talk only to the API paths of our
 * canisters (no other canister, no other site), plus the map tiles it is configured for. Internet Identity opens
 * in its own window, which CSP does not govern.
 */
export function contentSecurityPolicy(deployment: Deployment): string {
  const apiOrigins = deployment.network === 'ic' ? ['https://icp-api.io'] : ['http://*.localhost:*', 'http://localhost:*', 'http://127.0.0.1:*'];
  const connect = apiOrigins.flatMap((origin) => [
    `${origin}/api/v2/status`,
    ...Object.values(deployment.canisters).flatMap((id) => API_VERSIONS.map((version) => `${origin}/api/${version}/canister/${id}/`)),
  ]);
  const tiles = deployment.mapTiles ? [tileOrigin(deployment.mapTiles)] : [];
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', ...tiles]],
    ['font-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['connect-src', connect],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['object-src', ["'none'"]],
  ];
  if (deployment.network === 'ic') directives.push(['upgrade-insecure-requests', []]);
  return directives.map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/** `https://{s}.tile.example.org/{z}/{x}/{y}.png` -> `https://*.tile.example.org`. */
function tileOrigin(template: string): string {
  const url = new URL(template.replace(/\{s\}/g, 'subdomain').replace(/\{[^}]+\}/g, '0'));
  const host = template.includes('{s}') ? url.host.replace('subdomain', '*') : url.host;
  return `${url.protocol}//${host}`;
}
