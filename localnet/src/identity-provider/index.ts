/** The local identity provider: an Internet Identity stand-in served on the II canister's host. */
export { createIdentityProvider, II_CANISTER_ID, type IdentityProviderOptions, type HttpHandler } from './identity-provider.js';
export { MAX_DELEGATION_TTL_NS, DEFAULT_DELEGATION_TTL_NS, type DelegationChainJson } from './delegation.js';
