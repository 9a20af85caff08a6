import type { IncomingMessage } from 'node:http';
import { Principal } from '@dfinity/principal';

/**
 * The canister a gateway request is for: a canister id label in the host (`<id>.localhost`, `<id>.raw.localhost`,
 * searched from the right as the gateway protocol says), else `?canisterId=`, else the `canisterId` of the
 * referring page, so that a page opened as `/?canisterId=<id>` can load its scripts by relative URLs.
 */
export function resolveCanisterId(request: IncomingMessage): Principal | undefined {
  const host = (request.headers.host ?? '').replace(/:\d+$/, '');
  const fromHost = host.split('.').reverse().map(parseCanisterId).find((id) => id !== undefined);
  if (fromHost) return fromHost;
  const fromQuery = queryParameter(request.url, 'canisterId');
  if (fromQuery) return parseCanisterId(fromQuery);
  const fromReferer = queryParameter(request.headers.referer, 'canisterId');
  return fromReferer ? parseCanisterId(fromReferer) : undefined;
}

/**
 * Whether the request came through a raw host (`<id>.raw.localhost`), where gateways pass responses on without
 * verifying them, for canisters that serve uncertified content.
 */
export function isRawHost(request: IncomingMessage): boolean {
  const labels = (request.headers.host ?? '').replace(/:\d+$/, '').split('.').reverse();
  const idAt = labels.findIndex((label) => parseCanisterId(label) !== undefined);
  return idAt > 0 && labels[idAt - 1] === 'raw';
}

/** A canister id in its textual form; other principals (users, `localhost`, numbers) are not. */
function parseCanisterId(text: string): Principal | undefined {
  try {
    const principal = Principal.fromText(text);
    const bytes = principal.toUint8Array();
    // Canister ids are opaque principals: their last byte is 0x01.
    return principal.toText() === text && bytes[bytes.length - 1] === 0x01 ? principal : undefined;
  } catch {
    return undefined;
  }
}

function queryParameter(url: string | undefined, name: string): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url, 'http://localhost').searchParams.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}
