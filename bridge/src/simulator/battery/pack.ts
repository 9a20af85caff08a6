import { Cell, type CellParameters } from './cell.js';
import type { Random } from '../random.js';

export interface PackOptions {
  cells: number;
  cell: CellParameters;
  initialSoc: number;
  ambientC: number;
  /** Heat capacity of the pack, J/K, and its heat transfer to the surroundings, W/K. */
  heatCapacityJPerK: number;
  coolingWPerK: number;
  /** Relative spread of capacity between cells (0.02: about +-2 %). */
  capacitySpread: number;
}

export const DEFAULT_PACK: Omit<PackOptions, 'initialSoc' | 'ambientC'> = {
  cells: 16,
  cell: { chemistry: 'LiFePO4', capacityAh: 50, r0Ohm: 0.0015, r1Ohm: 0.001, c1Farad: 30_000 },
  heatCapacityJPerK: 16 * 1_000,
  coolingWPerK: 6,
  capacitySpread: 0.02,
};

/**
 * A series string of cells sharing one current, with one lumped temperature: I²R and polarisation heat from
 * every cell in, Newtonian cooling to the ambient out. Faults change its state directly (a weak cell, a cooling
 * failure, an internal heat source).
 */
export class Pack {
  readonly cells: Cell[];
  temperatureC: number;
  ambientC: number;
  coolingWPerK: number;
  /** Heat from a fault (an internal short), watts. */
  extraHeatW = 0;

  constructor(
    readonly options: PackOptions,
    random: Random,
  ) {
    this.cells = Array.from({ length: options.cells }, () => new Cell(options.cell, options.initialSoc, 1 + random.spread(options.capacitySpread)));
    this.temperatureC = options.ambientC;
    this.ambientC = options.ambientC;
    this.coolingWPerK = options.coolingWPerK;
  }

  /** Mean true SoC of the cells, 0..1. */
  get soc(): number {
    return this.cells.reduce((sum, cell) => sum + cell.soc, 0) / this.cells.length;
  }

  step(currentA: number, dtS: number): void {
    const heatW = this.cells.reduce((sum, cell) => sum + cell.step(currentA, dtS, this.temperatureC), 0) + this.extraHeatW;
    const lossW = this.coolingWPerK * (this.temperatureC - this.ambientC);
    this.temperatureC += ((heatW - lossW) * dtS) / this.options.heatCapacityJPerK;
  }

  cellVoltages(currentA: number): number[] {
    return this.cells.map((cell) => cell.terminalVoltage(currentA, this.temperatureC));
  }
}
