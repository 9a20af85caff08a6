/**
 * Child process for the SIGKILL test: opens a persistent localnet, installs a probe canister once, then writes
 * keys one update at a time and prints `ack <key>` after each update is acknowledged, until it is killed.
 */
import { writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Principal } from '@dfinity/principal';
import { LocalNet } from 'localnet';
import { probeArg, probeIdl, probeWasm, type ProbeService } from './test-canisters.js';

const stateDir = process.argv[2]!;
const net = await LocalNet.create({ stateDir });
const idFile = join(stateDir, 'probe-id');
let id: Principal;
if (existsSync(idFile)) id = Principal.fromText(readFileSync(idFile, 'utf8'));
else {
  id = await net.createCanister();
  await net.installCode({ canisterId: id, wasm: probeWasm(), arg: probeArg('persistent') });
  writeFileSync(idFile, id.toText());
}
const probe = net.createActor<ProbeService>(probeIdl, id);
const prefix = process.argv[3] ?? 'k';
for (let i = 0; ; i++) {
  const key = `${prefix}${i}`;
  await probe.put(key, `value-${i}`);
  process.stdout.write(`ack ${key}\n`);
}
