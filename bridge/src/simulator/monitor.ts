import { BATCH_LIMITS, type Batch, type Reading } from '../protocol/batch.js';
import { signFrame } from '../protocol/frame.js';
import { publicKeyOf, type DevicePublicKey, type DeviceSecretKey, type KeyAlgorithm } from '../protocol/signature.js';
import { socFromVoltage } from './battery/ocv.js';
import { DEFAULT_PACK, Pack, type PackOptions } from './battery/pack.js';
import { DutyCycle } from './duty-cycle.js';
import { CLOCK_SKEW_MS, type Fault } from './faults.js';
import { Random } from './random.js';

export interface MonitorOptions {
  deviceId: string;
  seed: number;
  algorithm?: KeyAlgorithm;
  pack?: Partial<Omit<PackOptions, 'cell'>>;
  /** Readings per batch. */
  batchSize?: number;
  /** Where the vehicle starts, degrees. */
  home?: { lat: number; lon: number };
}

/**
 * A virtual ESP32 monitor on a battery pack: it steps the pack physics, samples it the way the reference monitor
 * does (cell taps to the mV, INA219 current to the cA, DS18B20 probes to 0.1 °C, a NEO-6M fix), keeps its own
 * coulomb-counted SoC estimate, buffers readings and signs batches with its own key and sequence counter.
 */
export class VirtualMonitor {
  readonly deviceId: string;
  readonly key: DeviceSecretKey;
  readonly pack: Pack;
  readonly faults = new Set<Fault>();
  /** The next sequence number to sign (sequences start at 1). */
  sequence = 1n;
  private readonly random: Random;
  private readonly duty: DutyCycle;
  private readonly batchSize: number;
  private readonly buffer: Reading[] = [];
  private firstFrame: { frame: Uint8Array; sequence: bigint; readings: number } | undefined;
  private estimatedSoc: number;
  private currentA = 0;
  private position: { lat: number; lon: number };
  private stuckTemperatureDc: number | undefined;

  constructor(options: MonitorOptions) {
    this.deviceId = options.deviceId;
    this.random = new Random(options.seed);
    this.key = { algorithm: options.algorithm ?? 'ed25519', secret: this.random.bytes32() };
    const initialSoc = 0.5 + this.random.spread(0.4);
    this.pack = new Pack({ ...DEFAULT_PACK, initialSoc, ambientC: 20 + this.random.spread(8), ...options.pack }, this.random);
    this.duty = new DutyCycle(25 + this.random.spread(10), 15);
    this.batchSize = options.batchSize ?? 10;
    this.position = options.home ?? { lat: 47.3769 + this.random.spread(0.05), lon: 8.5417 + this.random.spread(0.05) };
    // Like the firmware at power-up: the SoC estimate starts from the rested cell voltage.
    this.estimatedSoc = socFromVoltage(this.pack.options.cell.chemistry, this.pack.cellVoltages(0)[0]!);
  }

  get publicKey(): DevicePublicKey {
    return publicKeyOf(this.key);
  }

  /** Readings taken but not yet sent in a batch. */
  get buffered(): number {
    return this.buffer.length;
  }

  /** Starts a fault now (the physical ones change the pack at once). */
  inject(fault: Fault): void {
    this.faults.add(fault);
    if (fault === 'overheating') {
      this.pack.coolingWPerK = 0.5;
      this.pack.extraHeatW = 60;
    }
    if (fault === 'cell_imbalance') {
      const weak = this.pack.cells[3]!;
      weak.soc = Math.max(0, weak.soc - 0.12);
      weak.capacityFactor *= 0.85;
    }
  }

  clear(fault: Fault): void {
    this.faults.delete(fault);
    if (fault === 'overheating') {
      this.pack.coolingWPerK = this.pack.options.coolingWPerK;
      this.pack.extraHeatW = 0;
    }
  }

  /** Runs the battery for `dtS` seconds, then takes one reading stamped `nowMs` (device clock). */
  sample(nowMs: number, dtS: number): Reading {
    this.currentA = this.duty.current(this.estimatedSoc, dtS);
    this.pack.step(this.currentA, dtS);
    const measuredA = this.currentA + this.random.noise(0.05);
    this.estimatedSoc = Math.min(1, Math.max(0, this.estimatedSoc + (measuredA * dtS) / (3_600 * this.pack.options.cell.capacityAh)));
    if (this.currentA > 0 && this.estimatedSoc >= 0.95) this.estimatedSoc = this.pack.soc; // recalibrated at the top of charge
    if (this.currentA < 0) {
      // Discharging means driving: the vehicle wanders a little per sample.
      this.position = { lat: this.position.lat + this.random.spread(0.0002), lon: this.position.lon + this.random.spread(0.0002) };
    }
    const reading = this.read(nowMs + (this.faults.has('clock_skew') ? CLOCK_SKEW_MS : 0), measuredA);
    this.buffer.push(reading);
    return reading;
  }

  /** The signed frame of the buffered readings (at most one batch), or undefined while buffering or offline. */
  takeBatch(nowMs: number, force = false): { frame: Uint8Array; sequence: bigint; readings: number } | undefined {
    if (this.faults.has('dropout') || this.buffer.length === 0 || (!force && this.buffer.length < this.batchSize)) return undefined;
    const readings = this.buffer.splice(0, Math.min(this.batchSize, BATCH_LIMITS.readings));
    const skew = this.faults.has('clock_skew') ? CLOCK_SKEW_MS : 0;
    const batch: Batch = { deviceId: this.deviceId, sequence: this.sequence++, sentAtMs: nowMs + skew, readings };
    const key = this.faults.has('forgery') ? { ...this.key, secret: this.random.bytes32() } : this.key;
    const frame = signFrame(key, batch);
    this.firstFrame ??= { frame, sequence: batch.sequence, readings: readings.length };
    return { frame, sequence: batch.sequence, readings: readings.length };
  }

  /** The first frame this monitor sent, to replay. */
  replayFrame(): { frame: Uint8Array; sequence: bigint; readings: number } | undefined {
    return this.firstFrame;
  }

  private read(timestampMs: number, measuredA: number): Reading {
    const cellsMv = this.pack.cellVoltages(this.currentA).map((volts) => clampInt(volts * 1_000 + this.random.noise(1.5), 0, 5_000));
    // Two probes: one on the cells (the lumped temperature) and one on the case, between cells and ambient air.
    const core = this.pack.temperatureC + this.random.noise(0.06);
    const surface = this.pack.temperatureC - 0.3 * (this.pack.temperatureC - this.pack.ambientC) + this.random.noise(0.06);
    const temperaturesDc = [clampInt(core * 10, -400, 1_250), clampInt(surface * 10, -400, 1_250)];
    if (this.faults.has('stuck_sensor')) {
      this.stuckTemperatureDc ??= temperaturesDc[0]!;
      temperaturesDc[0] = this.stuckTemperatureDc;
    }
    return {
      timestampMs,
      cellsMv,
      currentCa: clampInt(measuredA * 100, -200_000, 200_000),
      temperaturesDc,
      socPermille: clampInt(this.estimatedSoc * 1_000, 0, 1_000),
      gps: { latE7: Math.round(this.position.lat * 1e7), lonE7: Math.round(this.position.lon * 1e7) },
    };
  }
}

function clampInt(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}
