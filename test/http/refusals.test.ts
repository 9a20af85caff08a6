import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Actor,
  AnonymousIdentity,
  Cbor,
  HttpErrorCode,
  ProtocolError,
  SignIdentity,
  type Identity,
  type PublicKey,
  type Signature,
} from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { DelegationChain, DelegationIdentity, ECDSAKeyIdentity, Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { probeIdl, type ProbeService } from '../support/test-canisters.js';
import { startHttpStack, type HttpStack } from './http-stack.js';

const MINUTE_NS = 60n * 1_000_000_000n;

describe('requests the HTTP interface refuses, as the IC does, and keeps serving', () => {
  let stack: HttpStack;
  let healthy: ProbeService;
  const signer = Ed25519KeyIdentity.generate();

  beforeAll(async () => {
    stack = await startHttpStack();
    healthy = Actor.createActor<ProbeService>(probeIdl, { agent: await stack.agent(signer), canisterId: stack.probeId });
  });
  afterAll(() => stack.stop());

  /** An actor whose agent does not retry, so a refusal surfaces at once as the agent's own error. */
  async function probeAs(identity: Identity): Promise<ProbeService> {
    const agent = await stack.agent(identity, { retryTimes: 0 });
    return Actor.createActor<ProbeService>(probeIdl, { agent, canisterId: stack.probeId });
  }

  /** A call envelope signed by `identity`, CBOR-encoded exactly as the agent would send it. */
  async function signedCall(identity: Identity, fields: { ingressExpiry?: bigint; method?: string; nonce?: Uint8Array } = {}) {
    const content = {
      request_type: 'call',
      canister_id: stack.probeId,
      method_name: fields.method ?? 'put',
      arg: new Uint8Array(IDL.encode([IDL.Text, IDL.Text], ['raw', 'envelope'])),
      sender: identity.getPrincipal(),
      ingress_expiry: fields.ingressExpiry ?? stack.net.now() + 3n * MINUTE_NS,
      ...(fields.nonce ? { nonce: fields.nonce } : {}),
    };
    const signed = await identity.transformRequest({ request: { method: 'POST', headers: {} }, endpoint: 'call', body: content } as never);
    return Cbor.encode((signed as { body: unknown }).body);
  }

  const post = (path: string, body: Uint8Array) =>
    fetch(`${stack.server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/cbor' }, body: body as Uint8Array<ArrayBuffer> });
  const callPath = (version: number) => `/api/v${version}/canister/${stack.probeId.toText()}/call`;

  async function expectStillServing(): Promise<void> {
    expect(await healthy.whoami()).toBe(signer.getPrincipal().toText());
  }

  async function expectHttpError(promise: Promise<unknown>, status: number, bodyPart: string): Promise<void> {
    const error = await promise.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProtocolError);
    const code = (error as ProtocolError).code;
    expect(code).toBeInstanceOf(HttpErrorCode);
    expect((code as HttpErrorCode).status).toBe(status);
    expect((code as HttpErrorCode).bodyText).toContain(bodyPart);
  }

  it('malformed CBOR: 400', async () => {
    const response = await post(callPath(3), Uint8Array.of(0xd9, 0xd9, 0xf7, 0xa1, 0x67, 0xff, 0x00));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Could not parse body as call request');
    const notAnEnvelope = await post(callPath(3), Cbor.encode(['an', 'array']));
    expect(notAnEnvelope.status).toBe(400);
    await expectStillServing();
  });

  it('a signature by another key: 400 Invalid signature, the agent\'s ProtocolError', async () => {
    await expectHttpError((await probeAs(new WrongKeyIdentity())).put('forged', 'x'), 400, 'Invalid signature');
    await expectStillServing();
  });

  it('an expired or far-future ingress expiry: 400 "Invalid request expiry: ..."', async () => {
    for (const ingressExpiry of [stack.net.now() - MINUTE_NS, stack.net.now() + 10n * MINUTE_NS]) {
      const response = await post(callPath(3), await signedCall(signer, { ingressExpiry }));
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/^Invalid request expiry: Specified ingress_expiry not within expected range/);
    }
    await expectStillServing();
  });

  it('a payload over 2 MiB: 413', async () => {
    await expectHttpError((await probeAs(signer)).put('big', 'x'.repeat(2 * 1024 * 1024 + 1)), 413, 'is too large');
    await expectStillServing();
  });

  it('a delegation whose targets exclude the canister: 400 Invalid delegation', async () => {
    const root = Ed25519KeyIdentity.generate();
    const session = await ECDSAKeyIdentity.generate();
    const elsewhere = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
    const chain = await DelegationChain.create(root, session.getPublicKey(), new Date(Date.now() + 60_000), { targets: [elsewhere] });

    const probe = await probeAs(DelegationIdentity.fromDelegation(session, chain));
    await expectHttpError(probe.put('outside', 'x'), 400, 'is not one of the delegation targets');
    await expectHttpError(probe.whoami(), 400, 'is not one of the delegation targets');
    await expectStillServing();
  });

  it('an expired delegation: 400 Invalid delegation', async () => {
    const root = Ed25519KeyIdentity.generate();
    const session = Ed25519KeyIdentity.generate();
    const chain = await DelegationChain.create(root, session.getPublicKey(), new Date(Date.now() - 1_000));

    await expectHttpError((await probeAs(DelegationIdentity.fromDelegation(session, chain))).put('late', 'x'), 400, 'expired');
    await expectStillServing();
  });

  it('a request id submitted twice (v3, v3 again, then v2) is executed once', async () => {
    const before = (await healthy.state()).heap;
    const body = await signedCall(signer, { nonce: crypto.getRandomValues(new Uint8Array(16)) });

    const [first, second] = [await post(callPath(3), body), await post(callPath(3), body)];
    const third = await post(callPath(2), body);

    expect([first.status, second.status, third.status]).toEqual([200, 200, 202]);
    expect((await healthy.state()).heap).toBe(before + 1);
  });

  it('answers CORS preflights and unknown API paths', async () => {
    const preflight = await fetch(`${stack.server.url}${callPath(3)}`, {
      method: 'OPTIONS',
      headers: { 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    expect((await fetch(`${stack.server.url}/api/v9/canister/${stack.probeId.toText()}/call`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${stack.server.url}/api/v2/status`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${stack.server.url}/index.html`)).status).toBe(404);
  });

  it('anonymous requests carrying a signature are malformed: 400', async () => {
    const anonymous = new AnonymousIdentity();
    const body = await signedCall(anonymous);
    const decoded = Cbor.decode<Record<string, unknown>>(body);
    const response = await post(callPath(3), Cbor.encode({ ...decoded, sender_sig: new Uint8Array(64) }));
    expect(response.status).toBe(400);
  });
});

/** Claims one Ed25519 key and signs with another: what a forged request looks like to the replica. */
class WrongKeyIdentity extends SignIdentity {
  private readonly claimed = Ed25519KeyIdentity.generate();
  private readonly actual = Ed25519KeyIdentity.generate();

  getPublicKey(): PublicKey {
    return this.claimed.getPublicKey();
  }

  sign(blob: Uint8Array): Promise<Signature> {
    return this.actual.sign(blob);
  }
}
