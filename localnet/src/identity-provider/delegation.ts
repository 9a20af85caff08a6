import { IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR, requestIdOf, type SignIdentity } from '@dfinity/agent';

const NS_PER_SECOND = 1_000_000_000n;
/** II's ceiling for a client delegation. */
export const MAX_DELEGATION_TTL_NS = 30n * 24n * 3600n * NS_PER_SECOND;
/** II's default when the client asks for no particular lifetime (the auth client always asks, for 8 h by default). */
export const DEFAULT_DELEGATION_TTL_NS = 30n * 60n * NS_PER_SECOND;

/** The JSON form `DelegationChain.fromJSON` reads: hex bytes, expiration in hex nanoseconds. */
export interface DelegationChainJson {
  delegations: { delegation: { pubkey: string; expiration: string }; signature: string }[];
  publicKey: string;
}

/** When a delegation asked for with `maxTimeToLive` (ns) at `nowNs` expires: never later than II would allow. */
export function delegationExpiration(nowNs: bigint, maxTimeToLive?: bigint): bigint {
  const ttl = maxTimeToLive ?? DEFAULT_DELEGATION_TTL_NS;
  if (ttl <= 0n) throw new RangeError('maxTimeToLive must be positive');
  return nowNs + (ttl < MAX_DELEGATION_TTL_NS ? ttl : MAX_DELEGATION_TTL_NS);
}

/**
 * A one-link chain from the user key to the app's session key, signed as the IC checks it:
 * "\x1Aic-request-auth-delegation" || hash_of_map({pubkey, expiration}). It has no `targets`, like II's, so it is
 * valid for every canister (and no Principal object has to survive postMessage).
 */
export async function signDelegation(userKey: SignIdentity, sessionPublicKey: Uint8Array, expirationNs: bigint): Promise<DelegationChainJson> {
  const digest = requestIdOf({ pubkey: sessionPublicKey, expiration: expirationNs });
  const signature = await userKey.sign(concat(IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR, digest));
  return {
    delegations: [{ delegation: { pubkey: hex(sessionPublicKey), expiration: expirationNs.toString(16) }, signature: hex(signature) }],
    publicKey: hex(userKey.getPublicKey().toDer()),
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
