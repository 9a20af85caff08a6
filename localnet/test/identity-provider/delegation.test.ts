import { createHash, createPublicKey, verify } from 'node:crypto';
import type { SignIdentity } from '@dfinity/agent';
import { DelegationChain, DelegationIdentity, ECDSAKeyIdentity, Ed25519KeyIdentity, isDelegationValid } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DELEGATION_TTL_NS, MAX_DELEGATION_TTL_NS } from '../../src/identity-provider/index.js';
import { ProviderServer, serveAlternativeOrigins, temporaryStateDir } from './provider-server.js';

const APP = 'http://bkyz2-fmaaa-aaaaa-qaaaq-cai.localhost:4943';
const OTHER_APP = 'http://be2us-64aaa-aaaaa-qaabq-cai.localhost:4943';
const HOUR_NS = 3600n * 1_000_000_000n;

describe('delegations of the local identity provider', () => {
  const state = temporaryStateDir();
  let provider: ProviderServer;
  let alice: { number: number };
  let bob: { number: number };

  beforeAll(async () => {
    provider = await ProviderServer.start({ stateDir: state.dir });
    alice = await provider.createIdentity('alice');
    bob = await provider.createIdentity('bob');
  });
  afterAll(async () => {
    await provider.stop();
    state.remove();
  });

  async function login(session: SignIdentity, request: { identityNumber?: number; clientOrigin?: string; derivationOrigin?: string } = {}, via = provider) {
    const json = await via.authorize({
      identityNumber: alice.number,
      clientOrigin: APP,
      sessionPublicKey: session.getPublicKey().toDer(),
      ...request,
    });
    const chain = DelegationChain.fromJSON(json);
    return { json, chain, identity: DelegationIdentity.fromDelegation(session, chain) };
  }

  it('lets a P-256 session key (the auth client default) act as the user key, for every canister', async () => {
    const { json, chain, identity } = await login(await ECDSAKeyIdentity.generate());
    expect(identity.getPrincipal().toText()).toBe(Principal.selfAuthenticating(Buffer.from(json.publicKey, 'hex')).toText());
    expect(identity.getPrincipal().isAnonymous()).toBe(false);
    expect(isDelegationValid(chain)).toBe(true);
    expect(json.delegations).toHaveLength(1);
    expect(json.delegations[0]!.delegation).not.toHaveProperty('targets');
  });

  it('signs the delegation with the user key over the IC delegation domain, the user key being DER Ed25519', async () => {
    const session = Ed25519KeyIdentity.generate();
    const { json } = await login(session);
    const { delegation, signature } = json.delegations[0]!;
    expect(delegation.pubkey).toBe(Buffer.from(session.getPublicKey().toDer()).toString('hex'));
    expect(json.publicKey.startsWith('302a300506032b6570032100')).toBe(true);

    const message = Buffer.concat([
      Buffer.from('\x1Aic-request-auth-delegation'),
      hashOfDelegation(Buffer.from(delegation.pubkey, 'hex'), BigInt('0x' + delegation.expiration)),
    ]);
    const userKey = createPublicKey({ key: Buffer.from(json.publicKey, 'hex'), format: 'der', type: 'spki' });
    expect(verify(null, message, userKey, Buffer.from(signature, 'hex'))).toBe(true);
    expect(verify(null, Buffer.concat([message, Buffer.from([0])]), userKey, Buffer.from(signature, 'hex'))).toBe(false);
  });

  it('gives one identity the same principal at one origin across logins, session keys and restarts', async () => {
    const first = (await login(Ed25519KeyIdentity.generate())).identity.getPrincipal().toText();
    const second = (await login(await ECDSAKeyIdentity.generate())).identity.getPrincipal().toText();
    const restarted = await ProviderServer.start({ stateDir: state.dir });
    try {
      const afterRestart = (await login(Ed25519KeyIdentity.generate(), {}, restarted)).identity.getPrincipal().toText();
      expect(second).toBe(first);
      expect(afterRestart).toBe(first);
    } finally {
      await restarted.stop();
    }
  });

  it('gives different principals per origin and per identity', async () => {
    const session = Ed25519KeyIdentity.generate();
    const principal = async (request: Parameters<typeof login>[1]) => (await login(session, request)).identity.getPrincipal().toText();
    const aliceAtApp = await principal({});
    expect(await principal({ clientOrigin: OTHER_APP })).not.toBe(aliceAtApp);
    expect(await principal({ identityNumber: bob.number })).not.toBe(aliceAtApp);
    // One frontend, spelled two ways.
    expect(await principal({ clientOrigin: 'HTTP://BKYZ2-FMAAA-AAAAA-QAAAQ-CAI.localhost:4943' })).toBe(aliceAtApp);
  });

  it('derives for a derivationOrigin only when its /.well-known/ii-alternative-origins lists the app', async () => {
    const frontend = await serveAlternativeOrigins([OTHER_APP]);
    try {
      const session = Ed25519KeyIdentity.generate();
      const principal = async (request: Parameters<typeof login>[1]) => (await login(session, request)).identity.getPrincipal().toText();
      const atFrontend = await principal({ clientOrigin: frontend.origin });
      expect(await principal({ clientOrigin: OTHER_APP, derivationOrigin: frontend.origin })).toBe(atFrontend);
      await expect(principal({ clientOrigin: APP, derivationOrigin: frontend.origin })).rejects.toThrow(/400.*is not listed in/);
      await expect(principal({ clientOrigin: APP, derivationOrigin: 'http://be2us-64aaa-aaaaa-qaabq-cai.localhost:1' })).rejects.toThrow(/400.*could not read/);
    } finally {
      await frontend.stop();
    }
  });

  it('expires at now + maxTimeToLive, at most 30 days, 30 minutes when not asked', async () => {
    const now = 1_800_000_000_000_000_000n;
    const clocked = await ProviderServer.start({ stateDir: state.dir, nowNs: () => now });
    try {
      const expiration = async (maxTimeToLive?: bigint) => {
        const json = await clocked.authorize({ identityNumber: alice.number, clientOrigin: APP, sessionPublicKey: Ed25519KeyIdentity.generate().getPublicKey().toDer(), maxTimeToLive });
        return BigInt('0x' + json.delegations[0]!.delegation.expiration);
      };
      expect(await expiration(8n * HOUR_NS)).toBe(now + 8n * HOUR_NS);
      expect(await expiration(365n * 24n * HOUR_NS)).toBe(now + MAX_DELEGATION_TTL_NS);
      expect(await expiration()).toBe(now + DEFAULT_DELEGATION_TTL_NS);
    } finally {
      await clocked.stop();
    }
  });
});

/** hash_of_map({pubkey, expiration}) written out from the interface spec, so the test does not share the agent's code. */
function hashOfDelegation(pubkey: Buffer, expiration: bigint): Buffer {
  const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
  const fields = [
    Buffer.concat([sha256('pubkey'), sha256(pubkey)]),
    Buffer.concat([sha256('expiration'), sha256(unsignedLeb128(expiration))]),
  ].sort(Buffer.compare);
  return sha256(Buffer.concat(fields));
}

function unsignedLeb128(value: bigint): Buffer {
  const bytes: number[] = [];
  do {
    const byte = Number(value & 0x7fn);
    value >>= 7n;
    bytes.push(value === 0n ? byte : byte | 0x80);
  } while (value !== 0n);
  return Buffer.from(bytes);
}
