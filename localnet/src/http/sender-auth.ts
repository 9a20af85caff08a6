import { Principal } from '@dfinity/principal';
import { bytesToHex, concatBytes } from '@noble/hashes/utils';
import { domainSeparator } from './hash-tree.js';
import type { SenderProof } from './envelope.js';
import { AuthenticationError } from './errors.js';
import { UnsupportedPublicKeyError, verifySignature } from './public-keys.js';

const REQUEST_DOMAIN = domainSeparator('ic-request');
const DELEGATION_DOMAIN = domainSeparator('ic-request-auth-delegation');

/** The canisters a request may address: every canister, or those all delegations of its chain allow. */
export type TargetScope = { kind: 'any' } | { kind: 'only'; canisters: Set<string> };

/**
 * Checks that `proof` authenticates `sender` for the request `requestId` at `nowNs` (spec "verify_envelope"):
 * the sender is the self-authenticating id of the outer key, each delegation is signed by the key before it
 * and unexpired, and the last key signed the request id. Returns the canisters the request may target.
 */
export function authenticateSender(proof: SenderProof, sender: Principal, requestId: Uint8Array, nowNs: bigint): TargetScope {
  if (proof.kind === 'anonymous') return { kind: 'any' };
  if (sender.compareTo(Principal.selfAuthenticating(proof.publicKey)) !== 'eq') {
    throw new AuthenticationError(
      `Invalid signature: the sender ${sender.toText()} is not the self-authenticating id of sender_pubkey`,
    );
  }
  let scope: TargetScope = { kind: 'any' };
  let signingKey = proof.publicKey;
  const seenKeys = new Set([bytesToHex(signingKey)]);
  for (const [index, delegation] of proof.delegations.entries()) {
    if (!verify(signingKey, delegation.signature, concatBytes(DELEGATION_DOMAIN, delegation.signedHash))) {
      throw new AuthenticationError(`Invalid delegation: signature of delegation ${index} could not be verified`);
    }
    if (delegation.expiration < nowNs) {
      throw new AuthenticationError(
        `Invalid delegation: delegation ${index} expired at ${delegation.expiration} ns, now is ${nowNs} ns`,
      );
    }
    const key = bytesToHex(delegation.pubkey);
    if (seenKeys.has(key)) throw new AuthenticationError('Invalid delegation: the chain contains a cycle');
    seenKeys.add(key);
    if (delegation.targets) scope = intersect(scope, delegation.targets);
    signingKey = delegation.pubkey;
  }
  if (!verify(signingKey, proof.signature, concatBytes(REQUEST_DOMAIN, requestId))) {
    throw new AuthenticationError(
      `Invalid signature: Invalid basic signature: signature of request ${bytesToHex(requestId)} could not be verified`,
    );
  }
  return scope;
}

/** Whether `scope` admits `canister`; throws the IC's kind of error when it does not. */
export function requireTarget(scope: TargetScope, canister: Principal): void {
  if (scope.kind === 'only' && !scope.canisters.has(canister.toText())) {
    throw new AuthenticationError(`Invalid delegation: Canister ${canister.toText()} is not one of the delegation targets`);
  }
}

function intersect(scope: TargetScope, targets: Principal[]): TargetScope {
  const allowed = targets.map((target) => target.toText());
  if (scope.kind === 'any') return { kind: 'only', canisters: new Set(allowed) };
  return { kind: 'only', canisters: new Set(allowed.filter((target) => scope.canisters.has(target))) };
}

function verify(derKey: Uint8Array, signature: Uint8Array, message: Uint8Array): boolean {
  try {
    return verifySignature(derKey, signature, message);
  } catch (error) {
    if (error instanceof UnsupportedPublicKeyError) throw new AuthenticationError(`Invalid signature: ${error.message}`, { cause: error });
    throw error;
  }
}
