import { Level } from '../model/model_params';
import { AnomalyKind, Finding } from './finding';

/** Whether a value is bad when it is high (`rising`) or when it is low (`falling`). */
export type Direction = 'rising' | 'falling';

/**
 * The finding of `value` against a two-level threshold, or undefined when it crosses neither. `describe` writes
 * the sentence for a person from the value and the crossed threshold.
 */
export function checkLevel(
  kind: AnomalyKind,
  value: number,
  level: Level,
  direction: Direction,
  unit: string,
  describe: (value: number, threshold: number) => string
): Finding | undefined {
  if (!Number.isFinite(value)) {
    return undefined;
  }
  const beyond = (threshold: number) => (direction === 'rising' ? value > threshold : value < threshold);
  const severity = beyond(level.critical) ? 'critical' : beyond(level.warning) ? 'warning' : undefined;
  if (severity === undefined) {
    return undefined;
  }
  const threshold = level[severity];
  return { kind, severity, value, threshold, unit, detail: describe(value, threshold) };
}

/** A number for a sentence, with at most `digits` decimals. */
export function shown(value: number, digits = 1): string {
  return String(Math.round(value * 10 ** digits) / 10 ** digits);
}
