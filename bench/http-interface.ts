/**
 * HTTP interface benchmark: calls/s through the unmodified agent-js over HTTP (v3 synchronous updates with
 * BLS-certified answers, queries with node signatures verified) against the in-process API on the same
 * canister in the same run.
 */
import { Actor, Cbor, HttpAgent } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { LocalNet, startHttpServer } from 'localnet';
import { installProbe, probeIdl, type ProbeService } from '../test/support/test-canisters.js';
import { report } from './report.js';

const UPDATES = 200;
const QUERIES = 500;

export async function benchHttpInterface(): Promise<void> {
  const net = await LocalNet.create();
  const server = await startHttpServer(net, { port: 0 });
  try {
    const identity = Ed25519KeyIdentity.generate();
    const { id } = await installProbe(net);
    const inProcess = net.createActor<ProbeService>(probeIdl, id, { identity });
    const overHttp = await agentActor(server.url, id, identity, true);
    const unverified = await agentActor(server.url, id, identity, false);
    // Warm up both paths (compiles, first subnet-key fetch) before timing.
    await overHttp.put('warm', 'up');
    await overHttp.get('warm');
    await unverified.get('warm');

    const localUpdates = await rate(UPDATES, (i) => inProcess.put(`local-${i}`, 'value'));
    const httpUpdates = await rate(UPDATES, (i) => overHttp.put(`http-${i}`, 'value'));
    report('update calls/s over HTTP (agent-js v3 sync, certificate verified)', httpUpdates, 'in-process API', localUpdates);
    // The server's share: the same v3 calls pre-signed and posted with fetch, nothing verified on the client.
    const bodies = await Promise.all(Array.from({ length: UPDATES }, (_, i) => signedPut(net, id, identity, `raw-${i}`)));
    const url = `${server.url}/api/v3/canister/${id.toText()}/call`;
    const rawUpdates = await rate(UPDATES, async (i) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/cbor' }, body: bodies[i] });
      await response.arrayBuffer();
    });
    report('update calls/s over HTTP (pre-signed, fetch; server cost only)', rawUpdates, 'in-process API', localUpdates);

    const localQueries = await rate(QUERIES, () => inProcess.get('warm'));
    const httpQueries = await rate(QUERIES, () => overHttp.get('warm'));
    const httpQueriesUnverified = await rate(QUERIES, () => unverified.get('warm'));
    report('query calls/s over HTTP (agent-js, node signature verified)', httpQueries, 'in-process API', localQueries);
    report('query calls/s over HTTP (agent-js, verifyQuerySignatures off)', httpQueriesUnverified, 'in-process API', localQueries);
  } finally {
    await server.close();
    await net.stop();
  }
}

async function agentActor(url: string, canisterId: Principal, identity: Ed25519KeyIdentity, verifyQuerySignatures: boolean) {
  const agent = HttpAgent.createSync({ host: url, identity, verifyQuerySignatures });
  await agent.fetchRootKey();
  return Actor.createActor<ProbeService>(probeIdl, { agent, canisterId });
}

/** A v3 call envelope for `put(key, "value")`, signed as the agent signs it. */
async function signedPut(net: LocalNet, canisterId: Principal, identity: Ed25519KeyIdentity, key: string): Promise<Uint8Array<ArrayBuffer>> {
  const content = {
    request_type: 'call',
    canister_id: canisterId,
    method_name: 'put',
    arg: new Uint8Array(IDL.encode([IDL.Text, IDL.Text], [key, 'value'])),
    sender: identity.getPrincipal(),
    ingress_expiry: net.now() + 4n * 60n * 1_000_000_000n,
  };
  const signed = await identity.transformRequest({ request: { method: 'POST', headers: {} }, endpoint: 'call', body: content } as never);
  return Cbor.encode((signed as { body: unknown }).body) as Uint8Array<ArrayBuffer>;
}

async function rate(count: number, body: (index: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await body(i);
  return (count * 1000) / (performance.now() - started);
}
