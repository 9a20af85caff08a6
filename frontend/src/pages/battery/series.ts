import type { RangePage, Resolution, RollupPoint, StoredReading } from '../../canisters/types';

export type MetricKey = 'soc' | 'voltage' | 'current' | 'temperature' | 'cellSpread';

export interface Metric {
  label: string;
  unit: string;
  fromReading(reading: StoredReading): number;
  fromRollup(point: RollupPoint): number;
}

const sum = (values: ArrayLike<number>) => Array.from(values).reduce((total, value) => total + value, 0);
const max = (values: ArrayLike<number>) => Math.max(...Array.from(values));
const min = (values: ArrayLike<number>) => Math.min(...Array.from(values));

/** What the chart can show, from raw readings or from rollups (their mean). */
export const METRICS: Record<MetricKey, Metric> = {
  soc: { label: 'State of charge', unit: '%', fromReading: (r) => r.soc_permille / 10, fromRollup: (p) => p.metrics.soc_permille.mean / 10 },
  voltage: { label: 'Pack voltage', unit: 'V', fromReading: (r) => sum(r.cell_voltages_mv) / 1000, fromRollup: (p) => p.metrics.pack_voltage_mv.mean / 1000 },
  current: { label: 'Current', unit: 'A', fromReading: (r) => r.pack_current_ca / 100, fromRollup: (p) => p.metrics.current_ca.mean / 100 },
  temperature: {
    label: 'Hottest sensor',
    unit: '°C',
    fromReading: (r) => max(r.temperatures_dc) / 10,
    fromRollup: (p) => p.metrics.temperature_max_dc.mean / 10,
  },
  cellSpread: {
    label: 'Cell spread',
    unit: 'mV',
    fromReading: (r) => max(r.cell_voltages_mv) - min(r.cell_voltages_mv),
    fromRollup: (p) => p.metrics.cell_max_mv.mean - p.metrics.cell_min_mv.mean,
  },
};

export type RangeKey = '1h' | '24h' | '7d' | '30d';

export const RANGES: Record<RangeKey, { label: string; ms: number; resolution: ResolutionKey }> = {
  '1h': { label: 'Last hour', ms: 3_600_000, resolution: 'Raw' },
  '24h': { label: 'Last day', ms: 86_400_000, resolution: 'Minute' },
  '7d': { label: 'Last week', ms: 7 * 86_400_000, resolution: 'Hour' },
  '30d': { label: 'Last 30 days', ms: 30 * 86_400_000, resolution: 'Day' },
};

export type ResolutionKey = 'Raw' | 'Minute' | 'Hour' | 'Day';
export const RESOLUTIONS: ResolutionKey[] = ['Raw', 'Minute', 'Hour', 'Day'];

/** Points as the chart takes them: times in seconds and one value each. */
export interface Series {
  times: number[];
  values: number[];
}

/** One page of telemetry's answer as points of `metric`: readings for Raw, rollup means otherwise. */
export function toSeries(pages: RangePage[], metric: Metric): Series {
  const times: number[] = [];
  const values: number[] = [];
  for (const page of pages) {
    for (const reading of page.readings) {
      times.push(Number(reading.timestamp_ms) / 1000);
      values.push(metric.fromReading(reading));
    }
    for (const point of page.rollups) {
      times.push(Number(point.start_ms) / 1000);
      values.push(metric.fromRollup(point));
    }
  }
  return { times, values };
}

export function resolutionVariant(key: ResolutionKey): Resolution {
  return { [key]: null } as Resolution;
}
