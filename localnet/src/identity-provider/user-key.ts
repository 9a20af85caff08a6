import { hkdfSync } from 'node:crypto';
import { Ed25519KeyIdentity } from '@dfinity/identity';

/** Separates these keys from anything else that might ever be derived from the same seed. */
const HKDF_SALT = 'chargex-localnet identity-provider user-key v1';

/**
 * The key a local identity signs with for one frontend origin. Like II, the user gets a separate, stable
 * principal per (identity, origin): the same inputs always give the same key, and keys of different origins
 * cannot be linked without the seed. Unlike II (a canister signature), this is a plain Ed25519 key, which every
 * agent and our replica already verify.
 */
export function deriveUserKey(seed: Uint8Array, identityNumber: number, origin: string): Ed25519KeyIdentity {
  const info = Buffer.concat([lengthPrefixed(String(identityNumber)), lengthPrefixed(canonicalOrigin(origin))]);
  const secretKey = new Uint8Array(hkdfSync('sha256', seed, HKDF_SALT, info, 32));
  return Ed25519KeyIdentity.fromSecretKey(secretKey);
}

/** `https://Example.com:443` and `https://example.com` are one frontend, so they must give one principal. */
export function canonicalOrigin(origin: string): string {
  const url = URL.canParse(origin) ? new URL(origin) : undefined;
  if (!url || url.origin === 'null') throw new RangeError(`not an origin: ${origin}`);
  return url.origin;
}

/** A length byte before each part keeps ("1", "0x") and ("10", "x") apart, as in II's seed. */
function lengthPrefixed(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > 255) throw new RangeError('an origin has at most 255 bytes');
  return Buffer.concat([Buffer.from([bytes.length]), bytes]);
}
