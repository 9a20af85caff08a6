import { useState } from 'react';
import { useCanisterQuery } from '../../canisters/use-canister';
import type { StoredReading } from '../../canisters/types';
import { describeError, unwrap } from '../../errors/describe-error';
import { formatMs, formatRelativeMs } from '../../format/time';
import { useSignedIn } from '../../session/SessionProvider';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { EmptyState, QueryView } from '../../ui/States';
import { verifyReading, type ReadingVerification } from './verify-reading';

const REFRESH_MS = 15_000;

/** The newest reading, and a check in the browser that it is the one telemetry certified. */
export function LatestReadingCard({ tokenId }: { tokenId: bigint }) {
  const latest = useCanisterQuery(
    ['latest-reading', tokenId.toString()],
    async (actors) => {
      const result = await actors.telemetry.latest_reading(tokenId);
      if ('Err' in result && 'NotFound' in result.Err) return null;
      return unwrap(result);
    },
    { refetchIntervalMs: REFRESH_MS },
  );
  return (
    <Card title="Latest reading">
      <QueryView query={latest} loading="Loading the latest reading…" isEmpty={(entry) => entry === null} empty={<EmptyState title="No readings yet.">Readings appear once the monitor reports.</EmptyState>}>
        {(entry) => <Reading reading={entry!.reading} deviceId={entry!.device_id} />}
      </QueryView>
    </Card>
  );
}

function Reading({ reading, deviceId }: { reading: StoredReading; deviceId: string }) {
  const cells = reading.cell_voltages_mv;
  const gps = reading.gps[0];
  return (
    <div className="stack">
      <dl className="facts">
        <dt>Taken</dt>
        <dd title={formatMs(reading.timestamp_ms)}>{formatRelativeMs(Number(reading.timestamp_ms))}</dd>
        <dt>Charge</dt>
        <dd data-testid="latest-soc">{(reading.soc_permille / 10).toFixed(1)} %</dd>
        <dt>Pack voltage</dt>
        <dd>{(cells.reduce((sum, mv) => sum + mv, 0) / 1000).toFixed(2)} V</dd>
        <dt>Cells</dt>
        <dd>
          {cells.length} cells, {(Math.min(...cells) / 1000).toFixed(3)}–{(Math.max(...cells) / 1000).toFixed(3)} V
        </dd>
        <dt>Current</dt>
        <dd>{(reading.pack_current_ca / 100).toFixed(2)} A</dd>
        <dt>Temperature</dt>
        <dd>{(Math.max(...reading.temperatures_dc) / 10).toFixed(1)} °C</dd>
        <dt>Position</dt>
        <dd>{gps ? `${(gps.lat_e7 / 1e7).toFixed(5)}, ${(gps.lon_e7 / 1e7).toFixed(5)}` : 'not reported'}</dd>
        <dt>Device</dt>
        <dd className="mono">{deviceId}</dd>
      </dl>
      <ProofCheck reading={reading} />
    </div>
  );
}

function ProofCheck({ reading }: { reading: StoredReading }) {
  const { actors } = useSignedIn();
  const [state, setState] = useState<{ busy: boolean; result?: ReadingVerification; error?: unknown }>({ busy: false });
  const key = `${reading.batch_number}/${reading.index}`;
  const [checkedKey, setCheckedKey] = useState<string>();
  const current = checkedKey === key ? state : { busy: false };

  async function check() {
    setCheckedKey(key);
    setState({ busy: true });
    try {
      setState({ busy: false, result: await verifyReading(actors, reading) });
    } catch (error) {
      setState({ busy: false, error });
    }
  }

  return (
    <div className="proof" aria-live="polite">
      {current.result?.state === 'verified' ? (
        <p data-testid="proof-verified">
          <Badge tone="success">✓ Verified</Badge> This reading is in a batch whose root the network certified; checked in your browser.
        </p>
      ) : current.result?.state === 'batch-only' ? (
        <p>
          <Badge tone="info">In its batch</Badge> The reading belongs to its batch, which is older than the certified window.
        </p>
      ) : current.result?.state === 'failed' ? (
        <p role="alert">
          <Badge tone="danger">Not verified</Badge> {current.result.reason}.
        </p>
      ) : current.error ? (
        <p role="alert">{describeError(current.error)}</p>
      ) : null}
      <Button variant="secondary" busy={current.busy} onClick={() => void check()}>
        {current.result ? 'Check again' : 'Verify this reading'}
      </Button>
    </div>
  );
}
