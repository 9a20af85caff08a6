import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRejectedError, LocalNet, RejectCode } from 'localnet';
import { installProbe, type ProbeService } from '../support/test-canisters.js';

describe('execution atomicity on real Azle wasm', () => {
  let net: LocalNet;
  let probe: ProbeService;

  beforeAll(async () => {
    net = await LocalNet.create({ clock: 'manual' });
    ({ probe } = await installProbe(net));
  });
  afterAll(() => net.stop());

  it('rolls back heap and stable memory of a message that traps', async () => {
    expect(await probe.put('a', '1')).toBe(1);
    const before = await probe.state();

    const error = await probe.putThenTrap('ghost').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CallRejectedError);
    expect((error as CallRejectedError).rejectCode).toBe(RejectCode.CanisterError);
    expect((error as CallRejectedError).rejectMessage).toContain('trapped after writing ghost');

    expect(await probe.state()).toEqual(before);
    expect(await probe.get('ghost')).toEqual([]);
    // The canister keeps working after the trap (no half-updated Rust state left behind).
    expect(await probe.put('b', '2')).toBe(2);
    expect(await probe.get('b')).toEqual(['2']);
  });

  it('discards what a query changed', async () => {
    const before = await probe.state();
    expect(await probe.queryMutates()).toBe(before.heap + 1000);
    expect(await probe.state()).toEqual(before);
    expect(await probe.get('query-write')).toEqual([]);
  });

  it('sees the caller principal of each identity', async () => {
    const { Ed25519KeyIdentity } = await import('@dfinity/identity');
    const identity = Ed25519KeyIdentity.generate();
    const { idlFactory } = await import('../canisters/declarations/probe/probe.did.js');
    const id = (await installProbe(net)).id;
    const asUser = net.createActor<ProbeService>(idlFactory, id, { identity });
    expect(await asUser.whoami()).toBe(identity.getPrincipal().toText());
  });
});
