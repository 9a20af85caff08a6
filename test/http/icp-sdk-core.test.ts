import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actor, HttpAgent, RejectError } from '@icp-sdk/core/agent';
import { ECDSAKeyIdentity, Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { Principal } from '@icp-sdk/core/principal';
import { probeIdl, type ProbeService } from '../support/test-canisters.js';
import { startHttpStack, type HttpStack } from './http-stack.js';

describe('the unmodified @icp-sdk/core 6 agent over HTTP (v4 calls, v3 queries and read_state)', () => {
  let stack: HttpStack;
  const endpoints = new Set<string>();
  const recordingFetch: typeof fetch = (input, init) => {
    const { pathname } = new URL(input instanceof Request ? input.url : String(input));
    endpoints.add(pathname.replace(/\/api\/(v\d)\/(canister|subnet)\/[^/]+\//, '/api/$1/$2/<id>/'));
    return fetch(input, init);
  };

  beforeAll(async () => {
    stack = await startHttpStack();
  });
  afterAll(() => stack.stop());

  async function probeAs(identity?: Ed25519KeyIdentity | ECDSAKeyIdentity): Promise<ProbeService> {
    const agent = await HttpAgent.create({ host: stack.server.url, identity, shouldFetchRootKey: true, fetch: recordingFetch });
    return Actor.createActor<ProbeService>(probeIdl as never, { agent, canisterId: Principal.fromText(stack.probeId.toText()) });
  }

  type MakeIdentity = () => Promise<Ed25519KeyIdentity | ECDSAKeyIdentity | undefined>;
  const senders: [string, MakeIdentity][] = [
    ['anonymous', async () => undefined],
    ['Ed25519', async () => Ed25519KeyIdentity.generate()],
    ['ECDSA P-256', () => ECDSAKeyIdentity.generate()],
  ];

  it.each(senders)('%s: certified update, verified query', async (_, make) => {
    const identity = await make();
    const probe = await probeAs(identity);

    expect(await probe.whoami()).toBe(identity ? identity.getPrincipal().toText() : '2vxsx-fae');
    const key = `icp-sdk-${identity?.getPrincipal().toText() ?? 'anonymous'}`;
    await probe.put(key, 'v4');
    expect(await probe.get(key)).toEqual(['v4']);
    expect([...endpoints]).toEqual(
      expect.arrayContaining(['/api/v2/status', '/api/v4/canister/<id>/call', '/api/v3/canister/<id>/query', '/api/v3/canister/<id>/read_state']),
    );
  });

  it('reports a trap as its own certified RejectError', async () => {
    const probe = await probeAs(Ed25519KeyIdentity.generate());
    const error = await probe.putThenTrap('icp-sdk').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RejectError);
    expect((error as RejectError).code).toMatchObject({ rejectCode: 5, rejectErrorCode: 'IC0503' });
  });
});
