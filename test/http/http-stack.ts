import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HttpAgent, type Identity } from '@dfinity/agent';
import type { Principal } from '@dfinity/principal';
import { LocalNet, startHttpServer, type HttpServer, type HttpServerOptions } from 'localnet';
import { appendCustomSection } from '../../localnet/src/wasm/custom-section.js';
import { probeArg, probeWasm } from '../support/test-canisters.js';

/** The probe's candid interface, as dfx would embed it in the module's `icp:public candid:service` section. */
export const probeCandid = readFileSync(fileURLToPath(new URL('../canisters/probe/probe.did', import.meta.url)), 'utf8');

/** The probe module with its candid embedded as public metadata. */
export const probeWasmWithCandid = (): Uint8Array =>
  appendCustomSection(probeWasm(), 'icp:public candid:service', new TextEncoder().encode(probeCandid));

export interface HttpStack {
  net: LocalNet;
  server: HttpServer;
  probeId: Principal;
  /** An unmodified agent-js HttpAgent on the server, with the root key fetched from /api/v2/status. */
  agent(identity?: Identity, options?: { retryTimes?: number }): Promise<HttpAgent>;
  stop(): Promise<void>;
}

/** A real-clock localnet with a probe canister, served over HTTP on a free port. */
export async function startHttpStack(options: HttpServerOptions = {}): Promise<HttpStack> {
  const net = await LocalNet.create();
  const server = await startHttpServer(net, { port: 0, ...options });
  const probeId = await net.createCanister();
  await net.installCode({ canisterId: probeId, wasm: probeWasmWithCandid(), arg: probeArg('over-http') });
  return {
    net,
    server,
    probeId,
    agent: async (identity, agentOptions = {}) => {
      const agent = HttpAgent.createSync({ host: server.url, identity, ...agentOptions });
      await agent.fetchRootKey();
      return agent;
    },
    stop: async () => {
      await server.close();
      await net.stop();
    },
  };
}
