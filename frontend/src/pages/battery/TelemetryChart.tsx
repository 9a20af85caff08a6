import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useCanisterQuery } from '../../canisters/use-canister';
import type { RangePage } from '../../canisters/types';
import { unwrap } from '../../errors/describe-error';
import { EmptyState, QueryView } from '../../ui/States';
import { METRICS, RANGES, RESOLUTIONS, resolutionVariant, toSeries, type MetricKey, type RangeKey, type ResolutionKey, type Series } from './series';

/** telemetry answers at most 1,000 points a page; a chart needs no more than a few pages. */
const PAGE_POINTS = 1000;
const MAX_PAGES = 5;
const REFRESH_MS = 15_000;

/** A battery's telemetry over a chosen range and resolution, drawn with uPlot. */
export function TelemetryChart({ tokenId }: { tokenId: bigint }) {
  const [range, setRange] = useState<RangeKey>('1h');
  const [resolution, setResolution] = useState<ResolutionKey>(RANGES['1h'].resolution);
  const [metricKey, setMetricKey] = useState<MetricKey>('soc');
  const pages = useCanisterQuery(
    ['telemetry-range', tokenId.toString(), range, resolution],
    async (actors) => {
      const toMs = BigInt(Date.now());
      let fromMs = toMs - BigInt(RANGES[range].ms);
      const collected: RangePage[] = [];
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = unwrap(
          await actors.telemetry.readings_range({ battery_token_id: tokenId, from_ms: fromMs, to_ms: toMs, resolution: resolutionVariant(resolution), limit: PAGE_POINTS }),
        );
        collected.push(answer);
        if (!answer.next_from_ms[0]) break;
        fromMs = answer.next_from_ms[0];
      }
      return collected;
    },
    { refetchIntervalMs: REFRESH_MS },
  );
  const metric = METRICS[metricKey];
  const series = useMemo(() => (pages.data ? toSeries(pages.data, metric) : undefined), [pages.data, metric]);

  return (
    <div className="stack">
      <div className="chart-controls">
        <Segmented label="Range" options={Object.entries(RANGES).map(([key, value]) => [key, value.label])} value={range} onChange={(key) => {
          setRange(key as RangeKey);
          setResolution(RANGES[key as RangeKey].resolution);
        }} />
        <Segmented label="Resolution" options={RESOLUTIONS.map((key) => [key, key === 'Raw' ? 'Raw' : `Per ${key.toLowerCase()}`])} value={resolution} onChange={(key) => setResolution(key as ResolutionKey)} />
        <Segmented label="Measure" options={Object.entries(METRICS).map(([key, value]) => [key, value.label])} value={metricKey} onChange={(key) => setMetricKey(key as MetricKey)} />
      </div>
      <QueryView query={pages} loading="Loading telemetry…">
        {() =>
          !series || series.times.length === 0 ? (
            <EmptyState title="No readings in this range.">
              <p>Pick a longer range, or wait for the monitor to report.</p>
            </EmptyState>
          ) : (
            <UPlotChart series={series} label={`${metric.label} (${metric.unit})`} />
          )
        }
      </QueryView>
    </div>
  );
}

function Segmented({ label, options, value, onChange }: { label: string; options: [string, string][]; value: string; onChange: (key: string) => void }) {
  return (
    <div role="group" aria-label={label} className="segmented">
      {options.map(([key, text]) => (
        <button key={key} type="button" aria-pressed={key === value} onClick={() => onChange(key)}>
          {text}
        </button>
      ))}
    </div>
  );
}

/** The uPlot canvas, sized to its container and coloured from the theme; a summary gives the numbers in words. */
function UPlotChart({ series, label }: { series: Series; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current!;
    const styles = getComputedStyle(document.documentElement);
    const colour = (name: string) => styles.getPropertyValue(name).trim();
    const axis = { stroke: colour('--color-text-muted'), grid: { stroke: colour('--color-border'), width: 1 }, ticks: { stroke: colour('--color-border') } };
    const plot = new uPlot(
      {
        width: element.clientWidth,
        height: 280,
        series: [{}, { label, stroke: colour('--color-accent'), width: 2, points: { show: series.times.length < 60 } }],
        axes: [axis, axis],
        legend: { show: true },
        cursor: { drag: { x: true, y: false } },
      },
      [series.times, series.values],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: 280 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [series, label]);
  const last = series.values[series.values.length - 1]!;
  const min = Math.min(...series.values);
  const max = Math.max(...series.values);
  return (
    <figure className="chart">
      <div ref={container} className="chart__canvas" data-testid="telemetry-chart" data-points={series.times.length} />
      <figcaption className="muted">
        {label}: {series.times.length} points, latest {last.toFixed(2)}, lowest {min.toFixed(2)}, highest {max.toFixed(2)}.
      </figcaption>
    </figure>
  );
}
