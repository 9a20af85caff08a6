import { BadRequestError } from './json-http.js';
import { canonicalOrigin } from './user-key.js';

/** What the sign-in page asks `/ii/authorize` for: the person's choice plus the app's `authorize-client` message. */
export interface AuthorizeRequest {
  identityNumber: number;
  /** The origin the app's message came from (`event.origin`), canonical. */
  clientOrigin: string;
  derivationOrigin?: string;
  /** DER, as the app sent it. */
  sessionPublicKey: Uint8Array;
  /** Nanoseconds. */
  maxTimeToLive?: bigint;
}

/** Parses the JSON body of `/ii/authorize`: bytes come as hex and nanoseconds as decimal text, JSON having neither. */
export function parseAuthorizeRequest(body: Record<string, unknown>): AuthorizeRequest {
  const { identityNumber, derivationOrigin, maxTimeToLive } = body;
  if (typeof identityNumber !== 'number' || !Number.isSafeInteger(identityNumber)) throw new BadRequestError('identityNumber must be an integer');
  return {
    identityNumber,
    clientOrigin: canonicalOrigin(requireString(body, 'clientOrigin')),
    derivationOrigin: typeof derivationOrigin === 'string' ? canonicalOrigin(derivationOrigin) : undefined,
    sessionPublicKey: parseHex(requireString(body, 'sessionPublicKey'), 'sessionPublicKey'),
    maxTimeToLive: typeof maxTimeToLive === 'string' ? parseNat(maxTimeToLive, 'maxTimeToLive') : undefined,
  };
}

export function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string') throw new BadRequestError(`${field} must be a string`);
  return value;
}

function parseHex(text: string, field: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2}){1,512}$/i.test(text)) throw new BadRequestError(`${field} must be hex bytes`);
  return new Uint8Array(Buffer.from(text, 'hex'));
}

function parseNat(text: string, field: string): bigint {
  if (!/^\d{1,30}$/.test(text)) throw new BadRequestError(`${field} must be a decimal number of nanoseconds`);
  return BigInt(text);
}
