import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkDerivationOrigin } from './alternative-origins.js';
import { parseAuthorizeRequest, requireString, type AuthorizeRequest } from './authorize-request.js';
import { delegationExpiration, signDelegation, type DelegationChainJson } from './delegation.js';
import { IdentityStore } from './identity-store.js';
import { BadRequestError, readJsonObject, sendJson } from './json-http.js';
import { deriveUserKey } from './user-key.js';

/** The well-known Internet Identity canister id: apps configured for a local II find this provider unchanged. */
export const II_CANISTER_ID = 'rdmx6-jaaaa-aaaaa-aaadq-cai';

export interface IdentityProviderOptions {
  /** Where the identities and the secret seed live; the same folder gives the same principals after a restart. */
  stateDir: string;
  /** Current time in ns since the epoch, for delegation expirations (default: the wall clock). */
  nowNs?: () => bigint;
}

/** The sign-in page: plain files beside this module, read once. */
const PAGE_FILES: Record<string, { file: string; contentType: string }> = {
  '/': { file: 'index.html', contentType: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', contentType: 'text/html; charset=utf-8' },
  '/sign-in.js': { file: 'sign-in.js', contentType: 'text/javascript; charset=utf-8' },
  // Browsers ask for /favicon.ico whatever the page links; an SVG answers both.
  '/favicon.svg': { file: 'favicon.svg', contentType: 'image/svg+xml' },
  '/favicon.ico': { file: 'favicon.svg', contentType: 'image/svg+xml' },
};

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The local identity provider as an HTTP handler for the II canister's host: the sign-in page at `/` speaks the
 * II client protocol with the app window, and asks this same origin's `/ii/*` JSON API for delegations, so the
 * user keys never leave this process.
 */
export function createIdentityProvider(options: IdentityProviderOptions): HttpHandler {
  const store = IdentityStore.open(options.stateDir);
  const nowNs = options.nowNs ?? (() => BigInt(Date.now()) * 1_000_000n);
  const pages = loadPages();

  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    try {
      const page = pages.get(path);
      if (req.method === 'GET' && page) return sendPage(res, page);
      if (req.method === 'POST') assertSameOrigin(req);
      switch (`${req.method} ${path}`) {
        case 'GET /ii/identities':
          return sendJson(res, 200, { identities: store.list() });
        case 'POST /ii/identities':
          return sendJson(res, 201, store.create(requireString(await readJsonObject(req), 'name')));
        case 'POST /ii/authorize':
          return sendJson(res, 200, await authorize(store, nowNs(), parseAuthorizeRequest(await readJsonObject(req))));
        default:
          throw new BadRequestError(`no such page: ${req.method} ${path}`, 404);
      }
    } catch (error) {
      if (error instanceof BadRequestError) return sendJson(res, error.status, { error: error.message });
      if (error instanceof RangeError) return sendJson(res, 400, { error: error.message });
      // Shown by the sign-in page, which is where a person would look.
      sendJson(res, 500, { error: `internal error: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
}

/**
 * Signs a delegation for the app's session key as the chosen identity. The page passes the origin it saw on the
 * app's message (`event.origin`), as II's frontend passes it to II's backend.
 */
async function authorize(store: IdentityStore, nowNs: bigint, request: AuthorizeRequest): Promise<DelegationChainJson> {
  if (!store.find(request.identityNumber)) throw new BadRequestError('no such identity', 404);
  const { clientOrigin, derivationOrigin } = request;
  if (derivationOrigin) await checkDerivationOrigin(derivationOrigin, clientOrigin);
  const userKey = deriveUserKey(store.seed, request.identityNumber, derivationOrigin ?? clientOrigin);
  return signDelegation(userKey, request.sessionPublicKey, delegationExpiration(nowNs, request.maxTimeToLive));
}

/** Another site's page must not obtain delegations by posting here from the person's browser. */
function assertSameOrigin(req: IncomingMessage): void {
  const origin = req.headers.origin;
  // Browsers always send Origin on a POST; a request without one comes from a tool, not from another site.
  if (origin === undefined) return;
  if (URL.canParse(origin) && new URL(origin).host === req.headers.host) return;
  throw new BadRequestError('cross-origin request refused', 403);
}

function loadPages(): Map<string, { body: Buffer; contentType: string }> {
  return new Map(
    Object.entries(PAGE_FILES).map(([path, { file, contentType }]) => [
      path,
      { body: readFileSync(new URL(`./page/${file}`, import.meta.url)), contentType },
    ]),
  );
}

function sendPage(res: ServerResponse, page: { body: Buffer; contentType: string }): void {
  // no-store: the page changes with localnet, and a stale copy would speak an old protocol.
  res.writeHead(200, { 'content-type': page.contentType, 'cache-control': 'no-store' });
  res.end(page.body);
}
