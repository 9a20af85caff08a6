/**
 * The bridge's battery simulator (equivalent-circuit packs with fade and faults, sampled by virtual monitors)
 * driving telemetry directly as a relayer, for runs of days of battery time: what the ai tests and the ai
 * evaluation feed through telemetry into ai. Ground truth (capacity, faults) comes from the simulated packs.
 */
import { VirtualMonitor, type Reading } from '@chargex/bridge';

import type { AiNet, ReadingInput } from './fixture.js';

/** Readings per battery per telemetry call: five minutes of battery time at one reading a minute. */
export const DEFAULT_READINGS_PER_CALL = 5;

/** A monitor's reading in telemetry's input units (telemetry rounds them back to the device's exactly). */
export function toReadingInput(reading: Reading): ReadingInput {
  return {
    timestamp_ms: BigInt(reading.timestampMs),
    cell_voltages_v: reading.cellsMv.map((mv) => mv / 1_000),
    pack_current_a: reading.currentCa / 100,
    temperatures_c: reading.temperaturesDc.map((dc) => dc / 10),
    soc_percent: reading.socPermille / 10,
    gps: reading.gps === undefined ? [] : [{ latitude: reading.gps.latE7 / 1e7, longitude: reading.gps.lonE7 / 1e7 }]
  };
}

/** One simulated battery: its monitor, its token, and the truth about it. */
export class SimulatedBattery {
  constructor(
    readonly monitor: VirtualMonitor,
    readonly tokenId: bigint
  ) {}

  /** A battery with a seeded monitor, aged by `cycles` equivalent full cycles before the run. */
  static create(deviceId: string, tokenId: bigint, seed: number, cycles = 0): SimulatedBattery {
    const monitor = new VirtualMonitor({ deviceId, seed });
    for (const cell of monitor.pack.cells) {
      cell.throughputAh = cycles * 2 * cell.parameters.capacityAh;
    }
    return new SimulatedBattery(monitor, tokenId);
  }

  get deviceId(): string {
    return this.monitor.deviceId;
  }

  /** True state of health: the cells' mean capacity over the rated capacity. */
  trueStateOfHealth(): number {
    const cells = this.monitor.pack.cells;
    return cells.reduce((sum, cell) => sum + cell.capacityAh / cell.parameters.capacityAh, 0) / cells.length;
  }

  /** Equivalent full cycles of the cells so far (their mean). */
  trueCycles(): number {
    const cells = this.monitor.pack.cells;
    return cells.reduce((sum, cell) => sum + cell.equivalentCycles, 0) / cells.length;
  }
}

/** How a run goes: how many readings how far apart, grouped into calls of how many per battery. */
export interface RunOptions {
  readings: number;
  intervalS?: number;
  readingsPerCall?: number;
  /** Called before each reading with its index: inject or clear faults, change conditions. */
  beforeSample?: (index: number) => void;
}

/** Most readings one batch carries (telemetry's limit). */
const MAX_BATCH_READINGS = 64;

/**
 * Runs the batteries in step with the replica's clock, from its current time: each battery samples once per
 * interval, and every `readingsPerCall` readings the clock moves on (running ai's timers: signals, the
 * missing-data sweep) and one telemetry call carries a batch per battery, so each ai hand-off summarises that
 * many readings per battery. A battery whose uplink is down (the `dropout` fault) keeps its readings and sends
 * the backlog when the uplink returns, as the monitor does.
 */
export async function runFleet(t: AiNet, batteries: SimulatedBattery[], options: RunOptions): Promise<void> {
  const intervalMs = (options.intervalS ?? 60) * 1_000;
  const perCall = options.readingsPerCall ?? DEFAULT_READINGS_PER_CALL;
  const backlog = new Map<string, ReadingInput[]>(batteries.map((battery) => [battery.deviceId, []]));
  const fromMs = t.nowMs();
  for (let i = 0; i < options.readings; i++) {
    options.beforeSample?.(i);
    const atMs = fromMs + i * intervalMs;
    for (const battery of batteries) {
      backlog.get(battery.deviceId)!.push(toReadingInput(battery.monitor.sample(atMs, intervalMs / 1_000)));
    }
    if ((i + 1) % perCall === 0 || i === options.readings - 1) {
      await t.advance(Math.max(0, atMs - t.nowMs()));
      await deliver(t, batteries, backlog);
    }
  }
}

async function deliver(t: AiNet, batteries: SimulatedBattery[], backlog: Map<string, ReadingInput[]>): Promise<void> {
  const call = new Map<string, ReadingInput[]>();
  for (const battery of batteries) {
    const readings = backlog.get(battery.deviceId)!;
    if (battery.monitor.faults.has('dropout') || readings.length === 0) {
      continue;
    }
    if (readings.length > MAX_BATCH_READINGS) {
      await t.ingest(battery.deviceId, readings);
    } else {
      call.set(battery.deviceId, readings);
    }
    backlog.set(battery.deviceId, []);
  }
  if (call.size > 0) {
    await t.ingestCall(call);
  }
}
