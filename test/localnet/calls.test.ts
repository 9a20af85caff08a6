import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { CallRejectedError, LocalNet, RejectCode } from 'localnet';
import { installProbe, type ProbeService } from '../support/test-canisters.js';

describe('inter-canister calls on real Azle wasm', () => {
  let net: LocalNet;
  let a: ProbeService;
  let b: { id: Principal; probe: ProbeService };
  let c: { id: Principal; probe: ProbeService };

  beforeAll(async () => {
    net = await LocalNet.create({ clock: 'manual' });
    a = (await installProbe(net)).probe;
    b = await installProbe(net);
    c = await installProbe(net);
  });
  afterAll(() => net.stop());

  it('delivers a reject from C through B to A as a typed error, keeping A\'s writes before the await', async () => {
    const outcome = await a.chain([b.id, c.id], 'abc');

    expect(outcome).toEqual({
      Err: { code: RejectCode.CanisterReject, message: 'forwarded: end of chain reached at abc' },
    });
    expect(await a.get('before-await:abc')).toEqual(['kept']);
    expect(await a.get('after-await:abc')).toEqual(['rejected 4']);
    expect(await b.probe.get('visited:abc')).toEqual(['yes']);
    expect(await c.probe.get('visited:abc')).toEqual(['yes']);
  });

  it('rejects calls to a missing canister and to a missing method with the IC\'s codes', async () => {
    const missing = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
    const toMissingCanister = await a.callMissing(missing, 'anything');
    expect(toMissingCanister).toMatchObject({ Err: { code: RejectCode.DestinationInvalid } });
    expect('Err' in toMissingCanister && toMissingCanister.Err.message).toContain('not found');

    const toMissingMethod = await a.callMissing(b.id, 'no_such_method');
    expect(toMissingMethod).toMatchObject({ Err: { code: RejectCode.DestinationInvalid } });
    expect('Err' in toMissingMethod && toMissingMethod.Err.message).toContain("has no update method 'no_such_method'");
  });

  it('rejects an ingress call to a missing method or a missing canister', async () => {
    const empty = new Uint8Array(IDL.encode([], []));
    await expect(net.updateCall(b.id, 'no_such_method', empty)).rejects.toMatchObject({
      rejectCode: RejectCode.DestinationInvalid,
    });
    await expect(net.queryCall(Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai'), 'state', empty)).rejects.toBeInstanceOf(
      CallRejectedError,
    );
  });

  it('moves cycles: the callee accepts half, the rest is refunded to the caller', async () => {
    const aId = (await installProbe(net)).id;
    const sender = net.createActor<ProbeService>((await import('../canisters/declarations/probe/probe.did.js')).idlFactory, aId);
    const senderBefore = await sender.balance();
    const receiverBefore = await b.probe.balance();

    const { accepted, refunded } = await sender.sendCycles(b.id, 1_000_000n);

    expect(accepted).toBe(500_000n);
    expect(refunded).toBe(500_000n);
    expect(await b.probe.balance()).toBe(receiverBefore + 500_000n);
    expect(await sender.balance()).toBe(senderBefore - 500_000n);
  });

  it('answers raw_rand from the management canister with 32 fresh bytes', async () => {
    const first = await a.randomness();
    const second = await a.randomness();
    expect(first).toHaveLength(32);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(false);
  });
});
