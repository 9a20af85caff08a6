/**
 * The Grafana dashboard in bridge/grafana is valid for Grafana's JSON model and shows only metrics the bridge
 * really exports: every series a panel queries is in a running bridge's /metrics.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge } from '@chargex/bridge';

import { startTestBridge } from './support/bridge-under-test.js';
import { TelemetryStack } from './support/telemetry-stack.js';

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource: { type: string; uid: string };
  targets: { refId: string; expr: string }[];
}

const dashboard = JSON.parse(readFileSync(fileURLToPath(new URL('../../bridge/grafana/chargex-bridge.json', import.meta.url)), 'utf8')) as {
  uid: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; type: string }[] };
};

describe('the bridge Grafana dashboard', () => {
  let stack: TelemetryStack;
  let bridge: Bridge;

  beforeAll(async () => {
    stack = await TelemetryStack.start();
    ({ bridge } = await startTestBridge(stack, { mqtt: { enabled: false } }));
  });
  afterAll(async () => {
    await bridge?.stop();
    await stack?.stop();
  });

  it('is a Grafana dashboard model: unique panel ids on a 24-column grid, each querying the chosen Prometheus', () => {
    expect(dashboard.uid).toBe('chargex-bridge');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource' }));
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    for (const panel of dashboard.panels) {
      expect(['timeseries', 'stat']).toContain(panel.type);
      expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets.length).toBeGreaterThan(0);
    }
  });

  it("queries only series the bridge's /metrics exports", async () => {
    const exported = await (await fetch(`${bridge.endpoints.opsUrl}/metrics`)).text();
    // Every metric is declared by a `# TYPE` line even before its first sample; a histogram's series are its
    // _bucket, _sum and _count.
    const series = new Set(
      exported
        .split('\n')
        .filter((line) => line.startsWith('# TYPE '))
        .flatMap((line) => {
          const [, , name, type] = line.split(' ');
          return type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
        })
    );
    const queried = new Set(dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => target.expr.match(/chargex_bridge_[a-z_]+/g) ?? [])));
    expect(queried.size).toBeGreaterThanOrEqual(9);
    expect([...queried].filter((name) => !series.has(name))).toEqual([]);
  });
});
