import { openCircuitVoltage, type Chemistry } from './ocv.js';

export interface CellParameters {
  chemistry: Chemistry;
  /** Capacity when new, ampere-hours. */
  capacityAh: number;
  /** Series (ohmic) resistance at 25 °C when new, ohms. */
  r0Ohm: number;
  /** The RC pair modelling polarisation: resistance (ohms) and capacitance (farads). */
  r1Ohm: number;
  c1Farad: number;
}

/** Capacity lost and resistance gained per equivalent full cycle (20 % fade, +50 % resistance at 1,000 cycles). */
const FADE_PER_CYCLE = 0.0002;
const GROWTH_PER_CYCLE = 0.0005;
/** Arrhenius activation temperature of the ohmic resistance: colder cells resist more. */
const RESISTANCE_ACTIVATION_K = 3_000;

/**
 * One cell as a first-order equivalent circuit (Thevenin model): OCV(SoC) in series with R0 and one R1||C1 pair.
 * Current is positive while charging. SoC follows by coulomb counting against the aged capacity; every ampere-
 * hour through the cell ages it (capacity fade, resistance growth).
 */
export class Cell {
  /** True state of charge, 0..1. */
  soc: number;
  /** Voltage across the RC pair. */
  vRc = 0;
  /** Charge moved through the cell so far, ampere-hours either way. */
  throughputAh = 0;

  constructor(
    readonly parameters: CellParameters,
    initialSoc: number,
    /** Extra capacity loss of this cell (manufacturing spread, or a weak cell). */
    public capacityFactor = 1,
  ) {
    this.soc = initialSoc;
  }

  get equivalentCycles(): number {
    return this.throughputAh / (2 * this.parameters.capacityAh);
  }

  get capacityAh(): number {
    return this.parameters.capacityAh * this.capacityFactor * (1 - FADE_PER_CYCLE * this.equivalentCycles);
  }

  /** R0 at `temperatureC`, grown with age. */
  r0(temperatureC: number): number {
    const arrhenius = Math.exp(RESISTANCE_ACTIVATION_K * (1 / (temperatureC + 273.15) - 1 / 298.15));
    return this.parameters.r0Ohm * (1 + GROWTH_PER_CYCLE * this.equivalentCycles) * arrhenius;
  }

  /** Advances by `dtS` seconds at `currentA`; returns the heat dissipated meanwhile, watts. */
  step(currentA: number, dtS: number, temperatureC: number): number {
    const { r1Ohm, c1Farad } = this.parameters;
    const decay = Math.exp(-dtS / (r1Ohm * c1Farad));
    // Exact solution of dV/dt = I/C1 - V/(R1 C1) over the step for a constant current.
    this.vRc = this.vRc * decay + currentA * r1Ohm * (1 - decay);
    this.soc = Math.min(1, Math.max(0, this.soc + (currentA * dtS) / (3_600 * this.capacityAh)));
    this.throughputAh += (Math.abs(currentA) * dtS) / 3_600;
    return currentA * currentA * this.r0(temperatureC) + (this.vRc * this.vRc) / r1Ohm;
  }

  /** Terminal voltage while `currentA` flows. */
  terminalVoltage(currentA: number, temperatureC: number): number {
    return openCircuitVoltage(this.parameters.chemistry, this.soc) + currentA * this.r0(temperatureC) + this.vRc;
  }
}
