import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import {
  Actor,
  CanisterStatus,
  CertifiedRejectErrorCode,
  HttpAgent,
  RejectError,
  UncertifiedRejectErrorCode,
  UncertifiedRejectUpdateErrorCode,
  pollForResponse,
} from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { RejectCode } from 'localnet';
import { installTicker, probeIdl, tickerIdl, type ProbeService, type TickerService } from '../support/test-canisters.js';
import { probeCandid, startHttpStack, type HttpStack } from './http-stack.js';

describe('agent-js 3.4.3 protocol paths over HTTP: polling, rejects, read_state', () => {
  let stack: HttpStack;
  let agent: HttpAgent;
  let probe: ProbeService;
  const caller = Ed25519KeyIdentity.generate();

  beforeAll(async () => {
    stack = await startHttpStack();
    agent = await stack.agent(caller);
    probe = Actor.createActor<ProbeService>(probeIdl, { agent, canisterId: stack.probeId });
  });
  afterAll(() => stack.stop());

  it('serves the root key at /api/v2/status, the key certificates verify against', async () => {
    const status = (await agent.status()) as unknown as { root_key: Uint8Array; replica_health_status: string };
    expect(status.replica_health_status).toBe('healthy');
    expect(new Uint8Array(status.root_key)).toEqual(stack.server.rootKey);
    expect(stack.server.rootKey).toHaveLength(37 + 96);
  });

  it('takes a v2 (asynchronous) call with 202 and answers the polling with a certified reply', async () => {
    const arg = new Uint8Array(IDL.encode([IDL.Text, IDL.Text], ['polled', 'yes']));
    const { requestId, response } = await agent.call(stack.probeId, { methodName: 'put', arg, callSync: false });
    expect(response.status).toBe(202);

    const { reply } = await pollForResponse(agent, stack.probeId, requestId);
    expect(IDL.decode([IDL.Nat32], reply)).toHaveLength(1);
    expect(await probe.get('polled')).toEqual(['yes']);
  });

  it('does not show a call\'s status to another sender (403)', async () => {
    const arg = new Uint8Array(IDL.encode([IDL.Text, IDL.Text], ['private-call', 'x']));
    const { requestId } = await agent.call(stack.probeId, { methodName: 'put', arg });
    const stranger = await stack.agent(Ed25519KeyIdentity.generate(), { retryTimes: 0 });

    const error = await stranger
      .readState(stack.probeId, { paths: [[new TextEncoder().encode('request_status'), requestId]] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: { status: 403 } });
  });

  it('delivers a trap in an update as the agent\'s certified RejectError (code 5, IC0503)', async () => {
    const error = await probe.putThenTrap('doomed').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RejectError);
    const code = (error as RejectError).code;
    expect(code).toBeInstanceOf(CertifiedRejectErrorCode);
    expect(code).toMatchObject({ rejectCode: RejectCode.CanisterError, rejectErrorCode: 'IC0503' });
    expect((code as CertifiedRejectErrorCode).rejectMessage).toContain('trapped after writing doomed');
    expect(await probe.get('doomed')).toEqual([]);
  });

  it('delivers a query reject as the agent\'s signed, uncertified RejectError', async () => {
    const missing = Actor.createActor<{ nothingHere: () => Promise<string> }>(
      ({ IDL: idl }) => idl.Service({ nothingHere: idl.Func([], [idl.Text], ['query']) }),
      { agent, canisterId: stack.probeId },
    );

    const error = await missing.nothingHere().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RejectError);
    expect((error as RejectError).code).toBeInstanceOf(UncertifiedRejectErrorCode);
    expect((error as RejectError).code).toMatchObject({ rejectCode: RejectCode.DestinationInvalid, rejectErrorCode: 'IC0536' });
  });

  it('answers a call refused by inspect_message with a non-replicated rejection, v3 and v2 alike', async () => {
    const { id } = await installTicker(stack.net);
    const ticker = Actor.createActor<TickerService>(tickerIdl, { agent, canisterId: id });

    const error = await ticker.forbidden().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RejectError);
    expect((error as RejectError).code).toBeInstanceOf(UncertifiedRejectUpdateErrorCode);
    expect((error as RejectError).code).toMatchObject({ rejectCode: RejectCode.CanisterReject, rejectErrorCode: 'IC0516' });
    const v2 = await agent.call(id, { methodName: 'forbidden', arg: new Uint8Array(IDL.encode([], [])), callSync: false });
    expect(v2.response).toMatchObject({ status: 200, body: { reject_code: RejectCode.CanisterReject, error_code: 'IC0516' } });
    expect(await ticker.allowed()).toBe(1);
  });

  it('answers CanisterStatus.request: controllers, module hash, candid metadata, time and subnet node keys', async () => {
    const status = await CanisterStatus.request({
      canisterId: stack.probeId,
      agent,
      paths: ['controllers', 'module_hash', 'candid', 'time', 'subnet'],
    });

    expect((status.get('controllers') as Principal[]).map((p) => p.toText())).toEqual([
      stack.net.controller.getPrincipal().toText(),
    ]);
    const canister = stack.net.replica.getCanister(stack.probeId)!;
    expect(status.get('module_hash')).toBe(createHash('sha256').update(canister.moduleBytes!).digest('hex'));
    expect(status.get('candid')).toBe(probeCandid);
    expect(Math.abs((status.get('time') as Date).getTime() - Date.now())).toBeLessThan(60_000);
    const subnet = status.get('subnet') as { subnetId: string; nodeKeys: Map<string, Uint8Array> };
    expect(subnet.subnetId).toBe(Principal.selfAuthenticating(stack.server.rootKey).toText());
    expect(subnet.nodeKeys.size).toBe(1);
  });

  it('lets a deploy tool using only the agent create, install and upgrade a canister through aaaaa-aa', async () => {
    const management = (effectiveCanisterId: Principal) =>
      Actor.createActor<ManagementService>(managementIdl, { agent, canisterId: Principal.managementCanister(), effectiveCanisterId });
    const { canister_id: id } = await management(Principal.managementCanister()).provisional_create_canister_with_cycles({
      amount: [],
      settings: [],
      specified_id: [],
      sender_canister_version: [],
    });
    const wasm = gzipSync(stack.net.replica.getCanister(stack.probeId)!.moduleBytes!);
    const install = (mode: object, label: string) =>
      management(id).install_code({
        mode,
        canister_id: id,
        wasm_module: wasm,
        arg: new Uint8Array(IDL.encode([IDL.Opt(IDL.Text)], [[label]])),
        sender_canister_version: [],
      });

    await install({ install: null }, 'v1');
    const deployed = Actor.createActor<ProbeService>(probeIdl, { agent, canisterId: id });
    expect((await deployed.state()).init_arg).toBe('v1');
    await install({ upgrade: [] }, 'v2');
    expect((await deployed.state()).init_arg).toBe('upgraded:v2');

    const status = await management(id).canister_status({ canister_id: id });
    expect(status.settings.controllers.map((p) => p.toText())).toEqual([caller.getPrincipal().toText()]);
    expect(status.module_hash[0]).toEqual(new Uint8Array(createHash('sha256').update(wasm).digest()));
  });

  it('refuses a management call whose effective canister id is not the canister it names (400)', async () => {
    const strict = await stack.agent(caller, { retryTimes: 0 });
    const wrong = Actor.createActor<ManagementService>(managementIdl, {
      agent: strict,
      canisterId: Principal.managementCanister(),
      effectiveCanisterId: Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai'),
    });

    const error = await wrong.canister_status({ canister_id: stack.probeId }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: { status: 400 } });
    expect(String((error as { code: { bodyText: string } }).code.bodyText)).toContain('does not match effective canister id');
  });
});

interface ManagementService {
  provisional_create_canister_with_cycles(arg: object): Promise<{ canister_id: Principal }>;
  install_code(arg: object): Promise<void>;
  canister_status(arg: { canister_id: Principal }): Promise<{ settings: { controllers: Principal[] }; module_hash: [] | [Uint8Array] }>;
}

/** The slice of the management canister's candid (ic.did) that a deploy tool needs. */
const managementIdl: IDL.InterfaceFactory = ({ IDL: idl }) => {
  const settings = idl.Record({ controllers: idl.Opt(idl.Vec(idl.Principal)) });
  const idRecord = idl.Record({ canister_id: idl.Principal });
  return idl.Service({
    provisional_create_canister_with_cycles: idl.Func(
      [idl.Record({ amount: idl.Opt(idl.Nat), settings: idl.Opt(settings), specified_id: idl.Opt(idl.Principal), sender_canister_version: idl.Opt(idl.Nat64) })],
      [idRecord],
      [],
    ),
    install_code: idl.Func(
      [
        idl.Record({
          mode: idl.Variant({ install: idl.Null, reinstall: idl.Null, upgrade: idl.Opt(idl.Record({ skip_pre_upgrade: idl.Opt(idl.Bool) })) }),
          canister_id: idl.Principal,
          wasm_module: idl.Vec(idl.Nat8),
          arg: idl.Vec(idl.Nat8),
          sender_canister_version: idl.Opt(idl.Nat64),
        }),
      ],
      [],
      [],
    ),
    canister_status: idl.Func(
      [idRecord],
      [idl.Record({ settings: idl.Record({ controllers: idl.Vec(idl.Principal) }), module_hash: idl.Opt(idl.Vec(idl.Nat8)) })],
      [],
    ),
  });
};
