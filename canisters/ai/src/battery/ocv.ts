import { OcvPoint } from '../model/model_params';

/**
 * The state of charge whose open-circuit voltage is `cellMv` on a piecewise-linear curve (points ascending in
 * both), clamped to the curve's ends.
 */
export function socFromOcv(curve: readonly OcvPoint[], cellMv: number): number {
  if (cellMv <= curve[0].cell_mv) {
    return curve[0].soc;
  }
  for (let i = 1; i < curve.length; i++) {
    const high = curve[i];
    if (cellMv <= high.cell_mv) {
      const low = curve[i - 1];
      return low.soc + ((high.soc - low.soc) * (cellMv - low.cell_mv)) / (high.cell_mv - low.cell_mv);
    }
  }
  return curve[curve.length - 1].soc;
}

/**
 * The curve's slope at `soc`, millivolts per unit of state of charge: how finely a voltage resolves the state of
 * charge there (on a flat stretch a millivolt of noise is several percent). Where two segments meet, the flatter.
 */
export function ocvSlope(curve: readonly OcvPoint[], soc: number): number {
  let slope = Number.POSITIVE_INFINITY;
  for (let i = 1; i < curve.length; i++) {
    const low = curve[i - 1];
    const high = curve[i];
    if (soc >= low.soc && soc <= high.soc) {
      slope = Math.min(slope, (high.cell_mv - low.cell_mv) / (high.soc - low.soc));
    }
  }
  return Number.isFinite(slope) ? slope : 0;
}
