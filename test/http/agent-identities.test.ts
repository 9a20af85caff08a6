import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actor, AnonymousIdentity, type Identity } from '@dfinity/agent';
import { DelegationChain, DelegationIdentity, ECDSAKeyIdentity, Ed25519KeyIdentity } from '@dfinity/identity';
import { Secp256k1KeyIdentity } from '@dfinity/identity-secp256k1';
import { probeIdl, type ProbeService } from '../support/test-canisters.js';
import { startHttpStack, type HttpStack } from './http-stack.js';

describe('the unmodified agent-js 3.4.3 over HTTP, for every kind of sender', () => {
  let stack: HttpStack;

  beforeAll(async () => {
    stack = await startHttpStack();
  });
  afterAll(() => stack.stop());

  async function probeAs(identity: Identity): Promise<ProbeService> {
    return Actor.createActor<ProbeService>(probeIdl, { agent: await stack.agent(identity), canisterId: stack.probeId });
  }

  async function delegatedIdentity(): Promise<{ identity: DelegationIdentity; root: Ed25519KeyIdentity }> {
    const root = Ed25519KeyIdentity.generate();
    const session = await ECDSAKeyIdentity.generate();
    const chain = await DelegationChain.create(root, session.getPublicKey(), new Date(Date.now() + 60_000), {
      targets: [stack.probeId],
    });
    return { identity: DelegationIdentity.fromDelegation(session, chain), root };
  }

  const senders: [string, () => Promise<{ identity: Identity; principal: string }>][] = [
    ['anonymous', async () => ({ identity: new AnonymousIdentity(), principal: '2vxsx-fae' })],
    ['Ed25519', async () => { const identity = Ed25519KeyIdentity.generate(); return { identity, principal: identity.getPrincipal().toText() }; }],
    ['secp256k1', async () => { const identity = Secp256k1KeyIdentity.generate(); return { identity, principal: identity.getPrincipal().toText() }; }],
    ['ECDSA P-256', async () => { const identity = await ECDSAKeyIdentity.generate(); return { identity, principal: identity.getPrincipal().toText() }; }],
    [
      'an Ed25519 -> P-256 delegation',
      async () => {
        const { identity, root } = await delegatedIdentity();
        return { identity, principal: root.getPrincipal().toText() };
      },
    ],
  ];

  it.each(senders)('%s sender: signed update (v3, certified) and query (node signature verified)', async (_, make) => {
    const { identity, principal } = await make();
    const probe = await probeAs(identity);

    expect(await probe.whoami()).toBe(principal);
    const key = `written-by-${principal}`;
    const before = (await probe.state()).heap;
    expect(await probe.put(key, 'value')).toBe(before + 1);
    expect(await probe.get(key)).toEqual(['value']);
  });
});
