import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** One benchmark figure with the baseline measured in the same run. */
interface Figure {
  value: number;
  baseline_name: string;
  baseline: number;
  ratio: number | null;
}

const figures: Record<string, Figure> = {};
const sections: Record<string, unknown> = {};

/** Prints one benchmark line: the measured value, the baseline measured in the same run, and their ratio. */
export function report(what: string, value: number, baselineName: string, baseline: number): void {
  const ratio = baseline === 0 ? Number.NaN : value / baseline;
  figures[what] = { value, baseline_name: baselineName, baseline, ratio: Number.isFinite(ratio) ? ratio : null };
  console.log(`${what.padEnd(62)} ${format(value).padStart(10)}   ${baselineName}: ${format(baseline)}   ratio ${ratio.toFixed(3)}`);
}

/** Runs a synchronous body `count` times and reports the rate. */
export function timeLoop(count: number, body: () => void): { perSecond: number } {
  const started = performance.now();
  for (let i = 0; i < count; i++) body();
  return { perSecond: (count * 1000) / (performance.now() - started) };
}

/** Runs an asynchronous body `count` times, one after another; the mean milliseconds per run. */
export async function timeCalls(count: number, body: (i: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await body(i);
  return (performance.now() - started) / count;
}

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

/** Keeps a benchmark's structured figures (e.g. a model evaluation) under `section`. */
export function recordSection(section: string, data: unknown): void {
  sections[section] = data;
}

/**
 * Writes what this run measured to `path` (bench/results.json): every reported line by its name and every
 * section, over what the file already holds, so a benchmark run alone updates only its own figures.
 */
export function saveResults(path: string): void {
  const before = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { figures?: object; sections?: object }) : {};
  const merged = {
    measured_at: new Date().toISOString(),
    figures: { ...before.figures, ...figures },
    sections: { ...before.sections, ...sections }
  };
  writeFileSync(path, `${JSON.stringify(merged, (_key, value) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`);
}
