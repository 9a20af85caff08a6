import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { CallRejectedError, LocalNet, MANAGEMENT_CANISTER_ID, RejectCode } from 'localnet';
import { installProbe, probeArg, probeWasm } from '../support/test-canisters.js';

describe('canister lifecycle through the management canister', () => {
  let net: LocalNet;

  beforeAll(async () => {
    net = await LocalNet.create({ clock: 'manual' });
  });
  afterAll(() => net.stop());

  it('upgrade keeps StableBTreeMap data, resets heap fields and passes the upgrade argument', async () => {
    const { id, probe } = await installProbe(net, 'first');
    await probe.put('kept', 'across upgrade');
    expect(await probe.state()).toEqual({ heap: 1, stable: 1n, init_arg: 'first' });

    await net.installCode({ canisterId: id, wasm: probeWasm(), arg: probeArg('second'), mode: 'upgrade' });

    expect(await probe.state()).toEqual({ heap: 0, stable: 1n, init_arg: 'upgraded:second' });
    expect(await probe.get('kept')).toEqual(['across upgrade']);
  });

  it('a trapping post_upgrade leaves the canister exactly as it was', async () => {
    const { id, probe } = await installProbe(net, 'stay');
    await probe.put('k', 'v');
    const versionBefore = await probe.version();

    const failure = net.installCode({ canisterId: id, wasm: probeWasm(), arg: probeArg('trap'), mode: 'upgrade' });
    await expect(failure).rejects.toThrow(/post_upgrade refused the upgrade/);

    expect(await probe.state()).toEqual({ heap: 1, stable: 1n, init_arg: 'stay' });
    expect(await probe.version()).toBe(versionBefore);
    expect(await probe.put('after', 'failed upgrade')).toBe(2);
  });

  it('reinstall wipes stable memory and heap', async () => {
    const { id, probe } = await installProbe(net, 'old');
    await probe.put('gone', 'after reinstall');

    await net.installCode({ canisterId: id, wasm: probeWasm(), arg: probeArg('new'), mode: 'reinstall' });

    expect(await probe.state()).toEqual({ heap: 0, stable: 0n, init_arg: 'new' });
    expect(await probe.get('gone')).toEqual([]);
  });

  it('install refuses a canister that already has code', async () => {
    const { id } = await installProbe(net);
    await expect(net.installCode({ canisterId: id, wasm: probeWasm() })).rejects.toThrow(/already has a module/);
  });

  it('reports status, module hash and controllers, and only to controllers', async () => {
    const { id } = await installProbe(net);
    const status = await net.canisterStatus(id);
    expect(status.status).toEqual({ running: null });
    expect(Buffer.from(status.module_hash[0]!).toString('hex')).toBe(createHash('sha256').update(probeWasm()).digest('hex'));
    expect(status.settings.controllers.map((p) => p.toText())).toEqual([net.controller.getPrincipal().toText()]);

    const stranger = Ed25519KeyIdentity.generate();
    await expect(net.canisterStatus(id, { identity: stranger })).rejects.toThrow(/Only controllers/);
  });

  it('update_settings changes controllers; the old controller loses control', async () => {
    const { id } = await installProbe(net);
    const newController = Ed25519KeyIdentity.generate();
    const UpdateSettings = IDL.Record({
      canister_id: IDL.Principal,
      settings: IDL.Record({ controllers: IDL.Opt(IDL.Vec(IDL.Principal)) }),
      sender_canister_version: IDL.Opt(IDL.Nat64),
    });
    const arg = IDL.encode([UpdateSettings], [
      { canister_id: id, settings: { controllers: [[newController.getPrincipal()]] }, sender_canister_version: [] },
    ]);
    await net.updateCall(MANAGEMENT_CANISTER_ID, 'update_settings', new Uint8Array(arg));

    await expect(net.canisterStatus(id)).rejects.toBeInstanceOf(CallRejectedError);
    expect((await net.canisterStatus(id, { identity: newController })).settings.controllers[0]!.toText()).toBe(
      newController.getPrincipal().toText(),
    );
  });

  it('stops, refuses calls while stopped, starts again, and deletes only when stopped', async () => {
    const { id, probe } = await installProbe(net);
    const manage = (method: string) =>
      net.updateCall(MANAGEMENT_CANISTER_ID, method, new Uint8Array(IDL.encode([IDL.Record({ canister_id: IDL.Principal })], [{ canister_id: id }])));

    await expect(manage('delete_canister')).rejects.toThrow(/must be stopped/);
    await manage('stop_canister');
    expect((await net.canisterStatus(id)).status).toEqual({ stopped: null });
    await expect(probe.put('x', 'y')).rejects.toMatchObject({ rejectCode: RejectCode.CanisterError });

    await manage('start_canister');
    expect(await probe.put('x', 'y')).toBe(1);

    await manage('stop_canister');
    await manage('delete_canister');
    await expect(probe.state()).rejects.toMatchObject({ rejectCode: RejectCode.DestinationInvalid });
  });

  it('counts canister versions: install and every committed update', async () => {
    const { probe } = await installProbe(net);
    const first = await probe.version();
    await probe.put('a', 'b');
    expect(await probe.version()).toBe(first + 1n);
    await probe.putThenTrap('no').catch(() => undefined);
    expect(await probe.version()).toBe(first + 1n);
  });

  it('keeps certified data set by an update (at most 32 bytes)', async () => {
    const { id, probe } = await installProbe(net);
    const root = new Uint8Array(32).fill(7);
    await probe.certify(root);
    expect(Buffer.from(net.replica.getCanister(id)!.certifiedData).equals(Buffer.from(root))).toBe(true);
    await expect(probe.certify(new Uint8Array(33))).rejects.toThrow(/exceeds 32/);
  });
});

describe('HTTPS outcalls as real HTTP requests', () => {
  let net: LocalNet;
  let server: Server;
  let url: string;
  const seen: { headers: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    net = await LocalNet.create({ clock: 'manual' });
    server = createServer((request, response) => {
      seen.push({ headers: request.headers });
      response.setHeader('x-noise', String(Math.random()));
      response.end(request.url === '/big' ? 'x'.repeat(20_000) : 'hello from the outside');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await net.stop();
  });

  it('fetches for real and runs the transform before replying', async () => {
    const { probe } = await installProbe(net);
    expect(await probe.fetch(`${url}/hello`)).toEqual({ Ok: '200 hello from the outside headers=0' });
    expect(seen.at(-1)!.headers['user-agent']).toBe('ic/1.0');
    expect(seen.at(-1)!.headers['x-probe']).toBe('yes');
  });

  it('rejects a response larger than max_response_bytes', async () => {
    const { probe } = await installProbe(net);
    const outcome = await probe.fetch(`${url}/big`);
    expect(outcome).toMatchObject({ Err: { code: RejectCode.SysFatal } });
  });

  it('rejects an unreachable host as a transient error', async () => {
    const { probe } = await installProbe(net);
    expect(await probe.fetch('http://127.0.0.1:9/')).toMatchObject({ Err: { code: RejectCode.SysTransient } });
  });

  it('is for canisters only', async () => {
    await expect(net.updateCall(MANAGEMENT_CANISTER_ID, 'http_request', new Uint8Array())).rejects.toThrow(/only be called by canisters/);
  });
});
