import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Actor, Certificate, HttpAgent, lookupResultToBuffer } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { LocalNet, startHttpServer } from 'localnet';
import { installProbe, probeIdl, type ProbeService } from '../support/test-canisters.js';

describe('HTTP interface keys and data certificates', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'localnet-http-'));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('keeps the root key across a restart on the same state folder, so cached keys still verify', async () => {
    const first = await LocalNet.create({ stateDir });
    const server = await startHttpServer(first, { port: 0, stateDir });
    const { id } = await installProbe(first);
    const rootKey = server.rootKey;
    await server.close();
    await first.stop();

    const second = await LocalNet.create({ stateDir });
    const restarted = await startHttpServer(second, { port: 0, stateDir });
    try {
      expect(restarted.rootKey).toEqual(rootKey);
      // An agent that kept the old root key (as a browser would) trusts the restarted replica.
      const agent = HttpAgent.createSync({ host: restarted.url, identity: Ed25519KeyIdentity.generate(), rootKey });
      const probe = Actor.createActor<ProbeService>(probeIdl, { agent, canisterId: id });
      expect(await probe.put('after-restart', 'yes')).toBeGreaterThan(0);
      expect(await probe.get('after-restart')).toEqual(['yes']);
    } finally {
      await restarted.close();
      await second.stop();
    }
  });

  it('gives queries a certificate of the canister\'s certified data, signed with the root key', async () => {
    const net = await LocalNet.create();
    const server = await startHttpServer(net, { port: 0 });
    try {
      const { id, probe } = await installProbe(net);
      const data = Uint8Array.from({ length: 32 }, (_, i) => i);
      await probe.certify(data);

      const canister = net.replica.getCanister(id)!;
      const certificate = await Certificate.create({ certificate: net.replica.dataCertificate!(canister)!, rootKey: server.rootKey, canisterId: id });
      expect(lookupResultToBuffer(certificate.lookup_path(['canister', id.toUint8Array(), 'certified_data']))).toEqual(data);
    } finally {
      await server.close();
      await net.stop();
    }
  });
});
