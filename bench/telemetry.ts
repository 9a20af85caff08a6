/**
 * Telemetry storage benchmark: the telemetry canister against a naive canister storing one StableBTreeMap entry
 * per reading (bench/canisters/naive_telemetry), both fed the same ingest calls in this run. Per reading: wall
 * time inside localnet, bytes written to stable memory, stable memory grown (4 KiB pages first touched) and
 * stored payload bytes. localnet does not meter instructions yet, so time and bytes are what is measured.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { profileIdlFactory, type ProfileService, telemetryIdlFactory, telemetryInit, type TelemetryService } from '@chargex/client';
import { deployDfxProject, LocalNet } from 'localnet';

import type { DeviceBatch, ReadingInput } from '../packages/client/src/declarations/telemetry/telemetry.did.js';
import { buildCanisters } from '../scripts/build/index.js';
import { report } from './report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BASELINE_ROOT = join(ROOT, 'bench/canisters');
const START_MS = Date.UTC(2025, 2, 1);
const DEVICES = 20;
/** Devices sample every 10 s and post every minute; the bridge relays each minute's batches in one call. */
const READINGS_PER_BATCH = 6;
const ROUNDS = 30;

const ReadingInputIdl = IDL.Record({
  timestamp_ms: IDL.Nat64,
  cell_voltages_v: IDL.Vec(IDL.Float64),
  pack_current_a: IDL.Float64,
  temperatures_c: IDL.Vec(IDL.Float64),
  soc_percent: IDL.Float64,
  gps: IDL.Opt(IDL.Record({ latitude: IDL.Float64, longitude: IDL.Float64 }))
});
const DeviceBatchIdl = IDL.Record({ device_id: IDL.Text, sequence: IDL.Nat64, timestamp_ms: IDL.Nat64, readings: IDL.Vec(ReadingInputIdl) });
const naiveIdl: IDL.InterfaceFactory = ({ IDL: idl }) => idl.Service({ ingest: idl.Func([idl.Vec(DeviceBatchIdl)], [idl.Nat32], []) });
type NaiveService = { ingest: (batches: DeviceBatch[]) => Promise<number> };

/** Runs the telemetry benchmark and prints one line per figure. */
export async function benchTelemetry(): Promise<void> {
  const [built] = await buildCanisters({ root: BASELINE_ROOT, names: ['naive_telemetry'] });
  if (built?.status === 'failed') throw new Error(`naive_telemetry did not build:\n${built.output}`);
  const net = await LocalNet.create({ clock: 'manual', startTimeNs: BigInt(START_MS) * 1_000_000n });
  const idsDir = mkdtempSync(join(tmpdir(), 'bench-telemetry-'));
  try {
    const { telemetry, telemetryId } = await deployTelemetry(net, idsDir);
    const naiveId = await net.createCanister();
    await net.installCode({ canisterId: naiveId, wasm: wasmOf(BASELINE_ROOT, 'naive_telemetry') });
    const naive = net.createActor<NaiveService>(naiveIdl, naiveId);
    const meters = { telemetry: meterStable(net, telemetryId), naive: meterStable(net, naiveId) };
    const packs = Array.from({ length: DEVICES }, (_, i) => new SimulatedPack(`bench-${i}`, i + 1));
    for (const pack of packs) {
      await pack.register(telemetry);
    }

    const time = { telemetry: 0, naive: 0 };
    let readings = 0;
    let payloadBytes = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await net.advanceTime(60_000);
      const nowMs = Number(net.now() / 1_000_000n);
      const call = packs.map((pack) => pack.nextBatch(nowMs, READINGS_PER_BATCH));
      readings += call.length * READINGS_PER_BATCH;
      payloadBytes += call.flatMap((batch) => batch.readings).reduce((sum, r) => sum + IDL.encode([ReadingInputIdl], [r]).length, 0);
      time.telemetry += await timed(async () => expectStored(await telemetry.ingest(call)));
      time.naive += await timed(() => naive.ingest(call));
    }
    const chunkBytes = Number((await telemetry.status()).counts.find(([name]) => name === 'chunk_bytes')?.[1] ?? 0n);

    console.log(`${DEVICES} devices, ${READINGS_PER_BATCH} readings (16 cells, 2 sensors, GPS) a batch, one call a minute, ${readings} readings`);
    report('ingest ms per reading (telemetry, in localnet)', time.telemetry / readings, 'naive ms', time.naive / readings);
    report('stable memory bytes written per reading', meters.telemetry.written / readings, 'naive', meters.naive.written / readings);
    report('stable memory grown per reading (bytes of 4 KiB pages)', meters.telemetry.grown() / readings, 'naive', meters.naive.grown() / readings);
    report('stored reading bytes per reading (chunks / candid values)', chunkBytes / readings, 'naive', payloadBytes / readings);

    await benchFullCall(net, telemetry, naive, packs);
  } finally {
    await net.stop();
    rmSync(idsDir, { recursive: true, force: true });
  }
}

/** The largest call `ingest` accepts: 512 readings (8 batches of 64) of 32 cells and 16 sensors, with GPS. */
async function benchFullCall(net: LocalNet, telemetry: TelemetryService, naive: NaiveService, packs: SimulatedPack[]): Promise<void> {
  const nowMs = Number(net.now() / 1_000_000n);
  const call = Array.from({ length: 8 }, (_, i) => packs[i]!.nextBatch(nowMs, 64, { cells: 32, sensors: 16 }));
  const bytes = IDL.encode([IDL.Vec(DeviceBatchIdl)], [call]).length;
  const telemetryMs = await timed(async () => expectStored(await telemetry.ingest(call)));
  const naiveMs = await timed(() => naive.ingest(call));
  report('largest ingest call: message KiB (limit 2048)', bytes / 1024, 'naive (same message)', bytes / 1024);
  report('largest ingest call: ms in localnet (512 readings)', telemetryMs, 'naive ms', naiveMs);
}

/** A battery monitor producing slowly drifting readings (a few mV of noise per cell, a moving vehicle). */
class SimulatedPack {
  private sequence = 0;
  private step = 0;
  private seed: number;

  constructor(
    readonly deviceId: string,
    readonly tokenId: number
  ) {
    this.seed = tokenId * 7_919;
  }

  async register(telemetry: TelemetryService): Promise<void> {
    const result = await telemetry.register_device({
      device_id: this.deviceId,
      key: { public_key: new Uint8Array(32).fill(this.tokenId), algorithm: { Ed25519: null } },
      battery_token_id: BigInt(this.tokenId),
      owner: Ed25519KeyIdentity.generate().getPrincipal(),
      chemistry: { LiFePO4: null },
      firmware_version: '1.4.2',
      reporting_interval_s: 10
    });
    if (!('Ok' in result)) throw new Error(`registering ${this.deviceId} failed`);
  }

  nextBatch(nowMs: number, count: number, shape = { cells: 16, sensors: 2 }): DeviceBatch {
    const readings = Array.from({ length: count }, (_, i) => this.reading(nowMs - (count - 1 - i) * 10_000, shape));
    return { device_id: this.deviceId, sequence: BigInt(++this.sequence), timestamp_ms: BigInt(nowMs), readings };
  }

  private reading(atMs: number, shape: { cells: number; sensors: number }): ReadingInput {
    const t = this.step++;
    return {
      timestamp_ms: BigInt(atMs),
      cell_voltages_v: Array.from({ length: shape.cells }, (_, cell) => 3.3 - t * 0.0002 + cell * 0.001 + this.noise(0.002)),
      pack_current_a: -35 + 10 * Math.sin(t / 20) + this.noise(0.5),
      temperatures_c: Array.from({ length: shape.sensors }, (_, s) => 28 + s + t * 0.01 + this.noise(0.1)),
      soc_percent: Math.max(0, 80 - t * 0.02),
      gps: [{ latitude: 47.37 + t * 1e-5 + this.noise(1e-6), longitude: 8.54 + t * 1e-5 }]
    };
  }

  private noise(amplitude: number): number {
    this.seed = (this.seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return (this.seed / 2 ** 31 - 0.5) * 2 * amplitude;
  }
}

/** Deploys profile and telemetry and makes the local controller a relayer and fleet operator. */
async function deployTelemetry(net: LocalNet, idsDir: string): Promise<{ telemetry: TelemetryService; telemetryId: Principal }> {
  const ids = await deployDfxProject(net, {
    root: ROOT,
    names: ['profile', 'telemetry'],
    initArg: (_name, deployed) =>
      new Uint8Array(IDL.encode(telemetryInit({ IDL }), [[{ ...emptyConfig(), profile: [deployed.profile!], telemetry: [deployed.telemetry!] }]])),
    canisterIdsFile: join(idsDir, 'canister_ids.json')
  });
  await net.tick();
  const profile = net.createActor<ProfileService>(profileIdlFactory, ids.profile!);
  for (const role of [{ relayer: null }, { fleet_operator: null }] as const) {
    await profile.grant_role(net.controller.getPrincipal(), role);
  }
  return { telemetry: net.createActor<TelemetryService>(telemetryIdlFactory, ids.telemetry!), telemetryId: ids.telemetry! };
}

function emptyConfig() {
  return { profile: [], leasing: [], telemetry: [], ai: [], alerts: [], trust: [], energy: [], ledger: [] } as Record<string, [] | [Principal]>;
}

/** Counts the bytes a canister writes to stable memory, and the pages it touches for the first time. */
function meterStable(net: LocalNet, canisterId: Principal): { written: number; grown: () => number } {
  const stable = net.replica.getCanister(canisterId)!.stable;
  const pagesBefore = stable.storedChunkCount;
  const meter = { written: 0, grown: () => (stable.storedChunkCount - pagesBefore) * 4096 };
  const write = stable.write.bind(stable);
  stable.write = (offset: bigint, source: Uint8Array) => {
    meter.written += source.length;
    write(offset, source);
  };
  return meter;
}

function wasmOf(root: string, name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(root, '.azle', name, `${name}.wasm`)));
}

async function timed(body: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await body();
  return performance.now() - started;
}

function expectStored(result: { Ok: Array<{ Stored: unknown } | { Refused: unknown }> } | { Err: unknown }): void {
  if (!('Ok' in result) || result.Ok.some((outcome) => !('Stored' in outcome))) {
    throw new Error(`telemetry did not store the benchmark batches: ${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
  }
}
