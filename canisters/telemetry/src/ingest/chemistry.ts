import { Chemistry } from '../api/device';

/** The cell voltages (volts) telemetry accepts for a chemistry. */
export interface CellVoltageBounds {
  min: number;
  max: number;
}

/**
 * Plausible cell voltages per chemistry. They are deliberately wider than each chemistry's operating window
 * (LiFePO4 2.5-3.65 V, NMC 3.0-4.2 V, LTO 1.5-2.8 V): over-charge and deep discharge are exactly what `ai` and
 * `alerts` must see, so only values no cell of that chemistry can hold are refused: below 1.0 V (0.8 V for LTO)
 * a monitor reads a broken sense line rather than a cell, and above 4.5 V (LiFePO4), 5.0 V (NMC) or 3.3 V (LTO)
 * the electrolyte decomposes within seconds, so such a reading is a sensor fault or a forged value.
 */
export function cellVoltageBounds(chemistry: Chemistry): CellVoltageBounds {
  if ('LiFePO4' in chemistry) {
    return { min: 1.0, max: 4.5 };
  }
  if ('NMC' in chemistry) {
    return { min: 1.0, max: 5.0 };
  }
  return { min: 0.8, max: 3.3 };
}

/** Pack current (amperes, either direction): 2,000 A is beyond any traction pack these monitors are fitted to. */
export const MAX_CURRENT_A = 2000;

/** Temperatures (°C): the measuring range of the NTC and digital sensors the monitors use. */
export const TEMPERATURE_BOUNDS_C = { min: -40, max: 125 };
