import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import type { LocalNet } from 'localnet';
import { idlFactory as probeIdl, type _SERVICE as ProbeService } from '../canisters/declarations/probe/probe.did.js';
import { idlFactory as tickerIdl, type _SERVICE as TickerService } from '../canisters/declarations/ticker/ticker.did.js';

export type { ProbeService, TickerService };

const built = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../canisters/.azle/${name}/${name}.wasm`, import.meta.url))));

/** The compiled probe canister (built by `npm run build:test-canisters`). */
export const probeWasm = (): Uint8Array => built('probe');
export const tickerWasm = (): Uint8Array => built('ticker');

/** The probe's init/upgrade argument: an optional label it echoes in `state().init_arg`. */
export const probeArg = (label?: string): Uint8Array => new Uint8Array(IDL.encode([IDL.Opt(IDL.Text)], [label === undefined ? [] : [label]]));

/** Creates and installs a probe canister; returns its id and an actor calling as the local controller. */
export async function installProbe(net: LocalNet, label?: string): Promise<{ id: Principal; probe: ProbeService }> {
  const id = await net.createCanister();
  await net.installCode({ canisterId: id, wasm: probeWasm(), arg: probeArg(label) });
  return { id, probe: net.createActor<ProbeService>(probeIdl, id) };
}

export async function installTicker(net: LocalNet): Promise<{ id: Principal; ticker: TickerService }> {
  const id = await net.createCanister();
  await net.installCode({ canisterId: id, wasm: tickerWasm() });
  return { id, ticker: net.createActor<TickerService>(tickerIdl, id) };
}

export { probeIdl, tickerIdl };
